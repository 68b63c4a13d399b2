package org.openpharma.crm.lifetime.web;

/**
 * The managers' lifetime view's filter as typed: plain strings, so that binding never fails and every bad value
 * becomes a field message (DashboardFilter#parse).
 */
public class LifetimeParams {

	private String from;

	private String to;

	private String ta;

	private String region;

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

	public String getRegion() {
		return this.region;
	}

	public void setRegion(String region) {
		this.region = region;
	}

}
