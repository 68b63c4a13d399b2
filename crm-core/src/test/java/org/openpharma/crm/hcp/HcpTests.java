package org.openpharma.crm.hcp;

import java.lang.reflect.Field;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.DomainException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HcpTests {

	private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

	static Hcp hcp(long id, String registry, String email) {
		Hcp hcp = Hcp.register(new HcpDetails("佐藤 太郎", "サトウ タロウ", null, registry, null, email, null, null),
				"tester", NOW);
		try {
			Field field = Hcp.class.getDeclaredField("id");
			field.setAccessible(true);
			field.set(hcp, id);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		return hcp;
	}

	@Test
	void mergeMarksTheDuplicateAndPointsItAtTheSurvivor() {
		Hcp survivor = hcp(1, null, null);
		Hcp duplicate = hcp(2, "123456", "dup@example.jp");
		duplicate.mergeInto(survivor, "admin", NOW);
		assertThat(duplicate.getStatus()).isEqualTo(HcpStatus.MERGED);
		assertThat(duplicate.getMergedIntoId()).isEqualTo(1L);
		assertThat(survivor.getStatus()).isEqualTo(HcpStatus.ACTIVE);
	}

	@Test
	void mergeMovesTheRegistryNumberAndContactPointsTheSurvivorLacks() {
		Hcp survivor = hcp(1, null, "keep@example.jp");
		Hcp duplicate = hcp(2, "123456", "dup@example.jp");
		duplicate.mergeInto(survivor, "admin", NOW);
		assertThat(survivor.getRegistryNumber()).isEqualTo("123456");
		assertThat(duplicate.getRegistryNumber()).isNull();
		assertThat(survivor.getEmail()).isEqualTo("keep@example.jp");
	}

	@Test
	void cannotMergeIntoItself() {
		Hcp hcp = hcp(1, null, null);
		assertThatThrownBy(() -> hcp.mergeInto(hcp, "admin", NOW)).isInstanceOf(DomainException.class)
			.hasMessageContaining("hcp.merge.same");
	}

	@Test
	void cannotMergeARecordTwiceOrIntoAMergedRecord() {
		Hcp a = hcp(1, null, null);
		Hcp b = hcp(2, null, null);
		Hcp c = hcp(3, null, null);
		b.mergeInto(a, "admin", NOW);
		assertThatThrownBy(() -> b.mergeInto(c, "admin", NOW)).hasMessageContaining("hcp.merge.alreadyMerged");
		assertThatThrownBy(() -> c.mergeInto(b, "admin", NOW)).hasMessageContaining("hcp.merge.survivorMerged");
	}

	@Test
	void aMergedRecordCannotBeEdited() {
		Hcp a = hcp(1, null, null);
		Hcp b = hcp(2, null, null);
		b.mergeInto(a, "admin", NOW);
		assertThatThrownBy(() -> b.update(HcpDetailsTests.valid().normalized(), "admin", NOW))
			.hasMessageContaining("hcp.merged.readOnly");
	}

	@Test
	void snapshotHoldsTheBusinessFields() {
		assertThat(hcp(1, "1", null).snapshot()).containsEntry("nameKanji", "佐藤 太郎")
			.containsEntry("registryNumber", "1")
			.containsEntry("status", "ACTIVE");
	}

}
