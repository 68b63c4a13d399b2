package org.openpharma.crm.user;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openpharma.crm.shared.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = PasswordPolicy.standard();

	private String code(String password, String username) {
		return this.policy.check(password, username).map(FieldViolation::code).orElse(null);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "            ", "\t\t\t\t\t\t\t\t\t\t\t\t", "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000" })
	void rejectsBlankPasswords(String password) {
		assertThat(code(password, "mr01")).isEqualTo("user.password.blank");
		assertThat(code(null, "mr01")).isEqualTo("user.password.blank");
	}

	@Test
	void keepsTheMinimumAndMaximumLength() {
		Optional<FieldViolation> tooShort = this.policy.check("tiger-lily", "mr01");
		assertThat(tooShort).map(FieldViolation::code).contains("user.password.tooShort");
		assertThat(tooShort.orElseThrow().arguments()).containsExactly(PasswordPolicy.MIN_LENGTH);
		assertThat(code("x".repeat(60) + "y".repeat(69), "mr01")).isEqualTo("validation.tooLong");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaa", "111111111111111", "ああああああああああああ" })
	void rejectsOneCharacterRepeated(String password) {
		assertThat(code(password, "mr01")).isEqualTo("user.password.repeated");
	}

	@ParameterizedTest
	@ValueSource(strings = { "123456789012", "abcdefghijkl", "ABCDEFGHIJKL", "987654321098", "abcabcabcabc",
			"1234abcd4321", "aaabbbcccddd", "zyxwvutsrqpo" })
	void rejectsSequentialRuns(String password) {
		assertThat(code(password, "mr01")).isEqualTo("user.password.sequential");
	}

	@Test
	void aShortRunInsideAPasswordIsFine() {
		assertThat(code("abc-river-stone-17", "mr01")).isNull();
		assertThat(code("123456789012x", "mr01")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "yamada.taro-2026!", "my name is Yamada.Taro", "YAMADA.TARO.YAMADA" })
	void rejectsPasswordsContainingTheUserNameInAnyCase(String password) {
		assertThat(code(password, "yamada.taro")).isEqualTo("user.password.containsUsername");
	}

	@Test
	void aTwoLetterUserNameIsNotLookedForInsideWords() {
		assertThat(code("summer-drumroll-kyoto", "mr")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1234", "Password1234", "PASSWORD!!!!", "1234password", "p@ssw0rd2026",
			"qwertyuiop12", "iloveyou2026", "!!monkey2026!!", "baseball1234", "Trustno1!!!!" })
	void rejectsCommonPasswordsAndTheirObviousVariants(String password) {
		assertThat(code(password, "mr01")).isEqualTo("user.password.common");
	}

	@ParameterizedTest
	@ValueSource(strings = { "correct horse battery staple", "demo-password-2026", "test-password-123",
			"new-password-4567", "京都の春は桜が美しい季節です", "  spaces around are fine  " })
	void acceptsLongPassphrasesWithSpaces(String password) {
		assertThat(code(password, "mr01")).isNull();
	}

	@Test
	void theBundledListHasAFewThousandPasswords() {
		assertThat(this.policy.isCommon("123456")).isTrue();
		assertThat(this.policy.isCommon("Dragon")).isTrue();
		assertThat(this.policy.isCommon("correct horse battery staple")).isFalse();
	}

}
