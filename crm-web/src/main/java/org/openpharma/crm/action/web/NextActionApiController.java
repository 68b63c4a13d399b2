package org.openpharma.crm.action.web;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openpharma.crm.action.NextActions;
import org.openpharma.crm.action.Reason;
import org.openpharma.crm.action.Suggestion;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.system.Allowed;
import org.openpharma.crm.user.Capability;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The next best actions of an HCP over HTTP, computed at the call, with every reason (same roles as the screens). */
@RestController
@RequestMapping("/api/v1/hcps")
@Tag(name = "Next best actions", description = "What to do next with an HCP, and why")
@Allowed(Capability.READ_NEXT_ACTIONS)
class NextActionApiController {

	private final NextActions actions;

	private final HcpManagement hcps;

	NextActionApiController(NextActions actions, HcpManagement hcps) {
		this.actions = actions;
		this.hcps = hcps;
	}

	@GetMapping("/{id}/next-actions")
	@Operation(summary = "An HCP's next best actions",
			description = "Per therapeutic area the HCP has a stage or an open need in: the suggestions, best first, each"
					+ " with what (kind, approved content version, need), when (dueOn), who (department), a score and"
					+ " every reason as a code with its arguments (action.reason.* in the product's messages); and the"
					+ " actions the stage policy prefers that were left out, with the reason. No suggestion relies on a"
					+ " channel without consent. A merged HCP answers 404 through its survivor's id only.")
	List<AreaView> get(@PathVariable long id) {
		this.hcps.get(id);
		return this.actions.forHcp(id)
			.stream()
			.map(a -> new AreaView(a.therapeuticAreaId(),
					a.outcome().suggestions().stream().map(SuggestionView::of).toList(),
					a.outcome().excluded().stream().map(e -> new LeftOut(e.kind().name(), e.reason())).toList()))
			.toList();
	}

	/** One area's suggestions and what was left out. */
	record AreaView(long therapeuticAreaId, List<SuggestionView> suggestions, List<LeftOut> leftOut) {
	}

	/** A suggestion as the API shows it; {@code key} identifies it for accepting or dismissing it on the screens. */
	record SuggestionView(String key, String kind, LocalDate dueOn, String department, Long contentVersionId,
			String contentTitle, Long needId, int score, List<Reason> reasons, long policyVersion) {

		static SuggestionView of(Suggestion s) {
			return new SuggestionView(s.key(), s.kind().name(), s.dueOn(), s.department(), s.contentVersionId(),
					s.contentTitle(), s.needId(), s.score(), s.reasons(), s.policyVersion());
		}

	}

	/** A policy action not suggested, and why. */
	record LeftOut(String kind, Reason reason) {
	}

}
