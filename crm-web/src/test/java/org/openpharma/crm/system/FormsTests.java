package org.openpharma.crm.system;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.support.WebRequestDataBinder;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class FormsTests {

	/** A form record as the web layer binds them. */
	public record Sample(String name, @DateTimeFormat(pattern = "yyyy/MM") YearMonth month, Integer count) {

		Sample withName(String newName) {
			return new Sample(newName, this.month, this.count);
		}

	}

	private static WebRequestDataBinder bind(String... nameValues) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		for (int i = 0; i < nameValues.length; i += 2) {
			request.addParameter(nameValues[i], nameValues[i + 1]);
		}
		WebRequestDataBinder binder = new WebRequestDataBinder(null, "sample");
		binder.setTargetType(org.springframework.core.ResolvableType.forClass(Sample.class));
		binder.setConversionService(new DefaultFormattingConversionService());
		binder.construct(new ServletWebRequest(request));
		return binder;
	}

	@Test
	void aValueThatDidNotBindStaysOnScreenWithTheOthersTyped() {
		WebRequestDataBinder binder = bind("name", "佐藤", "month", "2026/11", "count", "many");
		// What Spring leaves after a failed constructor binding: the object built, but errors without it.
		assertThat(binder.getBindingResult().getTarget()).isNull();
		ExtendedModelMap model = new ExtendedModelMap();
		BindingResult shown = Forms.show(model, "sample", binder.getTarget(), binder.getBindingResult(),
				new DefaultFormattingConversionService());
		assertThat(model.get("sample")).isEqualTo(new Sample("佐藤", YearMonth.of(2026, 11), null));
		assertThat(model.get(BindingResult.MODEL_KEY_PREFIX + "sample")).isSameAs(shown);
		assertThat(shown.getFieldError("count").getCode()).isEqualTo("typeMismatch");
		assertThat(shown.getFieldValue("count")).isEqualTo("many");
		assertThat(shown.getFieldValue("name")).isEqualTo("佐藤");
		// Formatted as the binder would: with the field's pattern, not YearMonth.toString().
		assertThat(shown.getFieldValue("month")).isEqualTo("2026/11");
	}

	@Test
	void aChangedFormKeepsTheErrorsFound() {
		WebRequestDataBinder binder = bind("name", "a", "count", "3");
		BindingResult result = binder.getBindingResult();
		result.rejectValue("name", "tooShort");
		ExtendedModelMap model = new ExtendedModelMap();
		Sample changed = ((Sample) binder.getTarget()).withName("b");
		BindingResult shown = Forms.show(model, "sample", changed, result, null);
		assertThat(shown.getTarget()).isSameAs(changed);
		assertThat(shown.getFieldError("name").getRejectedValue()).isEqualTo("a");
		assertThat(shown.getFieldValue("count")).isEqualTo(3);
	}

	@Test
	void theBoundFormNeedsNothing() {
		WebRequestDataBinder binder = bind("name", "a");
		BindingResult result = binder.getBindingResult();
		ExtendedModelMap model = new ExtendedModelMap();
		assertThat(Forms.show(model, "sample", binder.getTarget(), result, null)).isSameAs(result);
		assertThat(model).isEmpty();
	}

}
