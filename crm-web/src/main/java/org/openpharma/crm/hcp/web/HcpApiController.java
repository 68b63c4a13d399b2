package org.openpharma.crm.hcp.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openpharma.crm.hcp.Hcp;
import org.openpharma.crm.hcp.HcpManagement;
import org.openpharma.crm.hcp.HcpSearch;
import org.openpharma.crm.hcp.HcpSearchCriteria;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.shared.SearchPage;
import org.openpharma.crm.system.ApiPage;
import org.openpharma.crm.system.ApiParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read and search HCPs over HTTP (HTTP Basic; same roles as the screens). */
@RestController
@RequestMapping("/api/v1/hcps")
@Tag(name = "HCPs", description = "Healthcare professionals: search and read")
class HcpApiController {

	private final HcpSearch search;

	private final HcpManagement hcps;

	HcpApiController(HcpSearch search, HcpManagement hcps) {
		this.search = search;
		this.hcps = hcps;
	}

	@GetMapping
	@Operation(summary = "Search HCPs",
			description = "q matches a kanji name, a kana reading (hiragana/katakana, full- or half-width), a romanised"
					+ " name (prefix) or a registry number; when nothing matches exactly, similar names are returned"
					+ " and fuzzy is true.")
	ApiPage<HcpSummary> search(@RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "") String institution,
			@RequestParam(required = false) String specialty,
			@Parameter(description = "prefecture code 1-47") @RequestParam(required = false) Integer prefecture,
			@Parameter(description = "kana, kanji, specialty, prefecture, institution, updated") @RequestParam(defaultValue = "kana") String sort,
			@RequestParam(defaultValue = "asc") String dir, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ApiParams.require(q.length() <= 100, "q", "at most 100 characters");
		ApiParams.require(institution.length() <= 100, "institution", "at most 100 characters");
		ApiParams.require(prefecture == null || (prefecture >= 1 && prefecture <= 47), "prefecture", "must be 1-47");
		ApiParams.require(page >= 0 && page <= 500, "page", "must be 0-500");
		ApiParams.require(size >= 1 && size <= 100, "size", "must be 1-100");
		ApiParams.require(HcpSearchCriteria.SORTS.contains(sort), "sort", "unknown sort key");
		SearchPage<HcpSummary> result = this.search.search(new HcpSearchCriteria(q, institution, specialty, prefecture,
				sort, "desc".equalsIgnoreCase(dir)), page, size);
		return ApiPage.of(result);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One HCP", description = "A merged record answers with status MERGED and mergedIntoId.")
	HcpView get(@PathVariable long id) {
		return HcpView.of(this.hcps.get(id));
	}

	/** An HCP as the API shows it. */
	record HcpView(long id, String nameKanji, String nameKana, String nameRomaji, String registryNumber,
			String specialtyCode, Long primaryHcoId, String email, String phone, String status, Long mergedIntoId,
			Instant updatedAt, long version) {

		static HcpView of(Hcp hcp) {
			return new HcpView(hcp.getId(), hcp.getNameKanji(), hcp.getNameKana(), hcp.getNameRomaji(),
					hcp.getRegistryNumber(), hcp.getSpecialtyCode(), hcp.getPrimaryHcoId(), hcp.getEmail(),
					hcp.getPhone(), hcp.getStatus().name(), hcp.getMergedIntoId(), hcp.getUpdatedAt(),
					hcp.getVersion());
		}

	}

}
