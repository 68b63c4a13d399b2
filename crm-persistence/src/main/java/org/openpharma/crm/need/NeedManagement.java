package org.openpharma.crm.need;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

import org.openpharma.crm.audit.AuditTrail;
import org.openpharma.crm.shared.NotFoundException;
import org.openpharma.crm.shared.StaleVersionException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Triage and follow-up of information needs; each move is checked by the need itself and audited. */
@Service
@Transactional
public class NeedManagement {

	private final InformationNeedRepository needs;

	private final AuditTrail audit;

	private final Clock clock;

	NeedManagement(InformationNeedRepository needs, AuditTrail audit, Clock clock) {
		this.needs = needs;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public InformationNeed get(long id) {
		return this.needs.findById(id).orElseThrow(() -> new NotFoundException("need", id));
	}

	public InformationNeed triage(long id, long version, RoutedTo department, String reason, String actor) {
		return change(id, version, actor, "TRIAGE", n -> n.triage(department, reason, actor, this.clock.instant()));
	}

	public InformationNeed start(long id, long version, String actor) {
		return change(id, version, actor, "START", n -> n.start(actor, this.clock.instant()));
	}

	public InformationNeed fulfil(long id, long version, String howMet, Long interactionId, String actor) {
		return change(id, version, actor, "FULFIL", n -> n.fulfil(howMet, interactionId, actor, this.clock.instant()));
	}

	public InformationNeed confirm(long id, long version, boolean helpful, int score, String actor) {
		return change(id, version, actor, "CONFIRM", n -> n.confirm(helpful, score, actor, this.clock.instant()));
	}

	public InformationNeed closeUnmet(long id, long version, String reason, String actor) {
		return change(id, version, actor, "CLOSE_UNMET", n -> n.closeUnmet(reason, actor, this.clock.instant()));
	}

	private InformationNeed change(long id, long version, String actor, String action, Consumer<InformationNeed> move) {
		InformationNeed need = get(id);
		if (need.getVersion() != version) {
			throw new StaleVersionException("need", id, version, need.getVersion());
		}
		Map<String, Object> before = need.snapshot();
		move.accept(need);
		need = this.needs.saveAndFlush(need);
		this.audit.record(actor, action, "NEED", id, before, need.snapshot());
		return need;
	}

}
