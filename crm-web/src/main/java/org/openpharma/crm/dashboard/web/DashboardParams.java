package org.openpharma.crm.dashboard.web;

import java.time.YearMonth;

import org.openpharma.crm.dashboard.DashboardFilter;

/**
 * The dashboard filter as typed in the request: plain strings, so that binding never fails and every bad
 * value becomes a field message from {@link DashboardFilter#parse}.
 */
public class DashboardParams {

	private String from;

	private String to;

	private String ta;

	private String product;

	private String region;

	private String department;

	DashboardFilter toFilter(YearMonth current) {
		return DashboardFilter.parse(this.from, this.to, this.ta, this.product, this.region, this.department, current);
	}

	/** Shows the defaults in the form when the period was left empty. */
	void fillDefaults(DashboardFilter filter) {
		if (this.from == null || this.from.isBlank()) {
			this.from = filter.from().toString();
		}
		if (this.to == null || this.to.isBlank()) {
			this.to = filter.to().toString();
		}
	}

	public String getFrom() {
		return this.from;
	}

	public void setFrom(String from) {
		this.from = from;
	}

	public String getTo() {
		return this.to;
	}

	public void setTo(String to) {
		this.to = to;
	}

	public String getTa() {
		return this.ta;
	}

	public void setTa(String ta) {
		this.ta = ta;
	}

	public String getProduct() {
		return this.product;
	}

	public void setProduct(String product) {
		this.product = product;
	}

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

	public String getDepartment() {
		return this.department;
	}

	public void setDepartment(String department) {
		this.department = department;
	}

}
