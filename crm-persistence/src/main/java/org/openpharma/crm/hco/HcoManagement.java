package org.openpharma.crm.hco;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.FieldViolation;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.ValidationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes HCO records, audited. */
@Service
@Transactional
public class HcoManagement {

	private final HcoRepository hcos;

	private final AuditTrail audit;

	private final Clock clock;

	HcoManagement(HcoRepository hcos, AuditTrail audit, Clock clock) {
		this.hcos = hcos;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Hco get(long id) {
		return this.hcos.findById(id).orElseThrow(() -> new NotFoundException("HCO", id));
	}

	@Transactional(readOnly = true)
	public Optional<Hco> findByInstitutionCode(String code) {
		return this.hcos.findByInstitutionCode(code);
	}

	/** Creates the HCO, or updates the one with the same institution code (imports are idempotent). */
	public Result upsert(HcoDetails input, String actor) {
		HcoDetails details = input.normalized();
		List<FieldViolation> violations = new ArrayList<>(details.violations());
		if (!violations.isEmpty()) {
			throw new ValidationException(violations);
		}
		Optional<Hco> existing = (details.institutionCode() != null)
				? this.hcos.findByInstitutionCode(details.institutionCode()) : Optional.empty();
		if (existing.isPresent()) {
			Hco hco = existing.get();
			Map<String, Object> before = hco.snapshot();
			hco.update(details, this.clock.instant());
			hco = this.hcos.saveAndFlush(hco);
			this.audit.record(actor, "UPDATE", "HCO", hco.getId(), before, hco.snapshot());
			return new Result(hco, false);
		}
		Hco hco = this.hcos.saveAndFlush(Hco.register(details, this.clock.instant()));
		this.audit.record(actor, "CREATE", "HCO", hco.getId(), null, hco.snapshot());
		return new Result(hco, true);
	}

	/** The saved HCO and whether it was new. */
	public record Result(Hco hco, boolean created) {
	}

}
