package org.openpharma.crm.hco.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.openpharma.crm.hco.Hco;
import org.openpharma.crm.hco.HcoManagement;
import org.openpharma.crm.hco.HcoQueries;
import org.openpharma.crm.hco.HcoQueries.HcoSummary;
import org.openpharma.crm.hcp.HcpSummary;
import org.openpharma.crm.system.ApiPage;
import org.openpharma.crm.system.ApiParams;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read and search HCOs over HTTP (HTTP Basic; same roles as the screens). */
@RestController
@RequestMapping("/api/v1/hcos")
@Tag(name = "HCOs", description = "Hospitals, clinics and pharmacies: search and read")
class HcoApiController {

	private final HcoQueries queries;

	private final HcoManagement hcos;

	HcoApiController(HcoQueries queries, HcoManagement hcos) {
		this.queries = queries;
		this.hcos = hcos;
	}

	@GetMapping
	@Operation(summary = "Search HCOs", description = "q matches the name or kana reading (prefix) or the institution code.")
	ApiPage<HcoSummary> search(@RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) Integer prefecture, @RequestParam(defaultValue = "") String type,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		ApiParams.require(q.length() <= 100, "q", "at most 100 characters");
		ApiParams.require(prefecture == null || (prefecture >= 1 && prefecture <= 47), "prefecture", "must be 1-47");
		ApiParams.require(type.isEmpty() || type.matches("HOSPITAL|CLINIC|PHARMACY"), "type",
				"HOSPITAL, CLINIC or PHARMACY");
		ApiParams.require(page >= 0 && page <= 500, "page", "must be 0-500");
		ApiParams.require(size >= 1 && size <= 100, "size", "must be 1-100");
		return ApiPage.of(this.queries.search(q, prefecture, type, page, size));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One HCO")
	HcoView get(@PathVariable long id) {
		return HcoView.of(this.hcos.get(id));
	}

	@GetMapping("/{id}/hcps")
	@Operation(summary = "HCPs affiliated with one HCO")
	ApiPage<HcpSummary> hcps(@PathVariable long id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		ApiParams.require(page >= 0 && page <= 500, "page", "must be 0-500");
		ApiParams.require(size >= 1 && size <= 100, "size", "must be 1-100");
		this.hcos.get(id);
		return ApiPage.of(this.queries.hcps(id, page, size));
	}

	/** An HCO as the API shows it. */
	record HcoView(long id, String institutionCode, String name, String nameKana, String type, int prefectureCode,
			String postalCode, String address, String phone, Integer bedCount, Long parentId, String status,
			long version) {

		static HcoView of(Hco hco) {
			return new HcoView(hco.getId(), hco.getInstitutionCode(), hco.getName(), hco.getNameKana(),
					hco.getType().name(), hco.getPrefectureCode(), hco.getPostalCode(), hco.getAddress(), hco.getPhone(),
					hco.getBedCount(), hco.getParentId(), hco.getStatus(), hco.getVersion());
		}

	}

}
