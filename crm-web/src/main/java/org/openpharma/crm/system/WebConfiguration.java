package org.openpharma.crm.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Language switch (Japanese by default, English on request, remembered in a cookie) */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);

	private final JsonMapper json;

	WebConfiguration(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Request bodies (only API calls read JSON bodies) are read strictly: {@code "hcpId": 7.5} is refused
	 * as a wrong type instead of being cut to 7. Runs after Boot's own converter set-up (this configurer
	 * has no order, Boot's has order 0), so this JSON converter replaces Boot's; writing is unchanged, and
	 * the application's JsonMapper bean (audit payloads) keeps its defaults.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.withJsonConverter(new JacksonJsonHttpMessageConverter(
				this.json.rebuild().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).build()));
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("crm-lang") {
			@Override
			public void setLocale(jakarta.servlet.http.HttpServletRequest request,
					jakarta.servlet.http.HttpServletResponse response, Locale locale) {
				super.setLocale(request, response, supported(locale));
			}
		};
		resolver.setDefaultLocale(Locale.JAPANESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieHttpOnly(true);
		return resolver;
	}

	private static Locale supported(Locale locale) {
		if (locale == null) {
			return null;
		}
		return SUPPORTED.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst()
			.orElse(Locale.JAPANESE);
	}

	/**
	 * Switches off the resource URL rewriting that Boot adds for WebJars: it ran every link of every page
	 * (each row's /hcps/{id}, sort and page links) through the static resource lookup, which probes the
	 * class path and caches only hits, so most of a list page's rendering time went into failed jar
	 * lookups. Version-free WebJars URLs are still served: the resolver works on the request side too.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	/** The address users reach the CRM at; absolute links and Location headers use it (docs/operations.md). */
	@Bean
	PublicBaseUrl publicBaseUrl(@Value("${crm.public-base-url:http://localhost:8080}") String value) {
		return new PublicBaseUrl(value);
	}

	/** Before Spring Security (order -100), so that its redirects pass through it too. */
	@Bean
	FilterRegistrationBean<PublicLocationFilter> publicLocationFilter(PublicBaseUrl publicBaseUrl) {
		FilterRegistrationBean<PublicLocationFilter> registration = new FilterRegistrationBean<>(
				new PublicLocationFilter(publicBaseUrl));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

	/** The authorisation policy, for templates: {@code ${@policy.may('EDIT_HCPS')}}, and {@link Allowed}. */
	@Bean("policy")
	Policy policy() {
		return new Policy();
	}

	/** Japan-time formatting for templates: {@code ${@jst.minute(instant)}}. */
	@Bean("jst")
	JapanTime jst() {
		return new JapanTime();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

}
