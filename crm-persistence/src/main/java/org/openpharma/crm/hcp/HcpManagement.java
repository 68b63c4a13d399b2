package org.openpharma.crm.hcp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.privacy.ErasureCounts;
import org.openpharma.crm.privacy.HcpErased;
import org.openpharma.crm.reference.ReferenceData;
import org.openpharma.crm.shared.DomainException;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and merges HCP records. Every write checks the rules, the submitted version and
 * writes its audit row in the same transaction.
 */
@Service
@Transactional
public class HcpManagement {

	private final HcpRepository hcps;

	private final ReferenceData reference;

	private final AuditTrail audit;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	HcpManagement(HcpRepository hcps, ReferenceData reference, AuditTrail audit, JdbcTemplate jdbc, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.hcps = hcps;
		this.reference = reference;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Hcp get(long id) {
		return this.hcps.findById(id).orElseThrow(() -> new NotFoundException("HCP", id));
	}

	@Transactional(readOnly = true)
	public Optional<Hcp> findByRegistryNumber(String registryNumber) {
		return this.hcps.findByRegistryNumber(registryNumber);
	}

	/** Registers a new HCP; throws {@link ValidationException} listing every broken rule. */
	public Hcp create(HcpDetails input, String actor) {
		HcpDetails details = input.normalized();
		check(details, null);
		Hcp hcp = Hcp.register(details, actor, this.clock.instant());
		hcp = save(hcp);
		this.audit.record(actor, "CREATE", "HCP", hcp.getId(), null, hcp.snapshot());
		return hcp;
	}

	/**
	 * Changes an HCP the caller loaded at {@code expectedVersion}; throws {@link StaleVersionException}
	 * when someone saved it in between, so nothing is overwritten silently.
	 */
	public Hcp update(long id, long expectedVersion, HcpDetails input, String actor) {
		Hcp hcp = get(id);
		if (hcp.getVersion() != expectedVersion) {
			throw new StaleVersionException("HCP", id, expectedVersion, hcp.getVersion());
		}
		HcpDetails details = input.normalized();
		check(details, id);
		Map<String, Object> before = hcp.snapshot();
		hcp.update(details, actor, this.clock.instant());
		hcp = save(hcp);
		this.audit.record(actor, "UPDATE", "HCP", id, before, hcp.snapshot());
		return hcp;
	}

	/**
	 * Merges the duplicate into the survivor: the duplicate stays as MERGED and points at it, its affiliations and
	 * records merged into it earlier move to the survivor, and {@link HcpMerged} tells every other module to move
	 * what it holds about the duplicate, inside this transaction (docs/adr/0023).
	 */
	public Hcp merge(long survivorId, long duplicateId, String actor) {
		if (survivorId == duplicateId) {
			throw new DomainException("hcp.merge.same", "duplicateId");
		}
		// Lock in id order so that two merges of the same pair cannot deadlock.
		long first = Math.min(survivorId, duplicateId);
		long second = Math.max(survivorId, duplicateId);
		Hcp a = this.hcps.findForUpdate(first).orElseThrow(() -> new NotFoundException("HCP", first));
		Hcp b = this.hcps.findForUpdate(second).orElseThrow(() -> new NotFoundException("HCP", second));
		Hcp survivor = (a.getId() == survivorId) ? a : b;
		Hcp duplicate = (survivor == a) ? b : a;
		Map<String, Object> survivorBefore = survivor.snapshot();
		Map<String, Object> duplicateBefore = duplicate.snapshot();
		Instant now = this.clock.instant();
		// The registry number moves from the duplicate to the survivor: unique again once both rows are written.
		this.jdbc.execute("SET CONSTRAINTS hcp_registry_number_key DEFERRED");
		duplicate.mergeInto(survivor, actor, now);
		this.hcps.flush();
		int movedAffiliations = this.hcps.moveAffiliations(duplicateId, survivorId);
		int repointed = this.hcps.repointMerged(duplicateId, survivorId);
		this.jdbc.execute("SET CONSTRAINTS hcp_registry_number_key IMMEDIATE");
		this.events.publishEvent(HcpMerged.of(survivorId, duplicateId, actor, now));
		this.audit.record(actor, "MERGE_INTO", "HCP", duplicateId, duplicateBefore, duplicate.snapshot());
		Map<String, Object> survivorAfter = new LinkedHashMap<>(survivor.snapshot());
		survivorAfter.put("absorbedHcpId", duplicateId);
		survivorAfter.put("movedAffiliations", movedAffiliations);
		survivorAfter.put("repointedMergedRecords", repointed);
		this.audit.record(actor, "MERGE_ABSORB", "HCP", survivorId, survivorBefore, survivorAfter);
		return survivor;
	}

	/**
	 * An erasure, last of all modules: affiliations go, the profile and the records merged into it keep only what
	 * is not personal, and the HCP counts as erased (R__erasure.sql).
	 */
	@EventListener
	@Order(HcpErased.ERASE_PROFILE)
	void eraseProfile(HcpErased erased) {
		ErasureCounts.collect(this.jdbc, "crm_erase_hcp_profile(?, ?, ?)", erased.hcpId(), erased.actor(),
				java.sql.Timestamp.from(erased.occurredAt()));
	}

	private void check(HcpDetails details, Long id) {
		List<FieldViolation> violations = new ArrayList<>(details.violations());
		if (details.specialtyCode() != null && !this.reference.isSpecialty(details.specialtyCode())) {
			violations.add(new FieldViolation("specialtyCode", "hcp.specialty.unknown"));
		}
		if (details.primaryHcoId() != null && !this.reference.hcoExists(details.primaryHcoId())) {
			violations.add(new FieldViolation("primaryHcoId", "hcp.primaryHco.unknown"));
		}
		if (details.registryNumber() != null && ((id == null) ? this.hcps.existsByRegistryNumber(details.registryNumber())
				: this.hcps.existsByRegistryNumberAndIdNot(details.registryNumber(), id))) {
			violations.add(new FieldViolation("registryNumber", "hcp.registryNumber.duplicate"));
		}
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
	}

	private Hcp save(Hcp hcp) {
		try {
			return this.hcps.saveAndFlush(hcp);
		}
		catch (DataIntegrityViolationException ex) {
			// Lost a race with another writer of the same registry number.
			if (String.valueOf(ex.getMessage()).contains("hcp_registry_number_key")) {
				throw new ValidationException(
						List.of(new FieldViolation("registryNumber", "hcp.registryNumber.duplicate")));
			}
			throw ex;
		}
	}

}
