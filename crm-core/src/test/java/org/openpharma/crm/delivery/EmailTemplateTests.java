package org.openpharma.crm.delivery;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailTemplateTests {

	static final Map<String, String> VALUES = Map.of("hcp.name", "佐藤 太郎", "sender.name", "山田 花子",
			"content.links", "・用量表 https://crm/c/abc", "unsubscribe.link", "配信停止 https://crm/u/xyz");

	@Test
	void fillsTheApprovedSlotsAndNothingElse() {
		String text = "{{hcp.name}} 先生\n\nいつもお世話になっております。{{ sender.name }}です。\n{{content.links}}\n{{unsubscribe.link}}";
		assertThat(EmailTemplate.render(text, VALUES)).isEqualTo(
				"佐藤 太郎 先生\n\nいつもお世話になっております。山田 花子です。\n・用量表 https://crm/c/abc\n配信停止 https://crm/u/xyz\n");
	}

	@Test
	void addsTheLinksAndTheUnsubscribeLinkWhenTheTemplateHasNoSlotForThem() {
		assertThat(EmailTemplate.render("{{hcp.name}} 先生", VALUES))
			.isEqualTo("佐藤 太郎 先生\n\n・用量表 https://crm/c/abc\n\n配信停止 https://crm/u/xyz\n");
	}

	@Test
	void namesSlotsThatAreNotApproved() {
		assertThat(EmailTemplate.unknownSlots("{{hcp.name}} {{discount.code}} {{ free.text }}"))
			.containsExactly("discount.code", "free.text");
		assertThat(EmailTemplate.unknownSlots("{{hcp.name}} {{content.links}}")).isEmpty();
	}

	@Test
	void theSubjectIsOneLine() {
		assertThat(EmailTemplate.subject("{{hcp.name}} 先生へ\r\nご案内", VALUES)).isEqualTo("佐藤 太郎 先生へ ご案内");
	}

	@Test
	void aValueWithDollarSignsIsTakenLiterally() {
		assertThat(EmailTemplate.render("{{hcp.name}}{{content.links}}{{unsubscribe.link}}",
				Map.of("hcp.name", "$1 \\x", "content.links", "", "unsubscribe.link", "")))
			.isEqualTo("$1 \\x\n");
	}

}
