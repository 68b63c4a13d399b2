package org.openpharma.crm.system;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's description: people use HTTP Basic with their own account, other systems a Bearer API token. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Pharma CRM API", version = "v1",
		description = "One shared record per HCP. Same roles as the screens."),
		security = @SecurityRequirement(name = "basic"))
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(name = "apiToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "A system user's API token, created by an admin at /admin/tokens")
class OpenApiConfiguration {

	/** The API description names the public address as its server, not the Host of the request that fetched it. */
	@Bean
	ServerBaseUrlCustomizer publicServerUrl(PublicBaseUrl publicBaseUrl) {
		return (serverBaseUrl, request) -> publicBaseUrl.base();
	}

}
