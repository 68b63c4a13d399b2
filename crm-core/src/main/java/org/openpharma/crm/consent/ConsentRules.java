package org.openpharma.crm.consent;

import java.util.EnumMap;
import java.util.Map;

/**
 * The consent mode of every channel × purpose: the policy the company follows, kept as data (table
 * {@code consent_rule}). A pair the data does not name is opt-in: silence never permits a contact
 * nobody decided on.
 */
public final class ConsentRules {

	private final Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> modes;

	private ConsentRules(Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> modes) {
		this.modes = modes;
	}

	/** Rules from rows of (channel, purpose, mode); unnamed pairs are opt-in. */
	public static ConsentRules of(Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> modes) {
		Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> copy = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : ConsentChannel.values()) {
			Map<ConsentPurpose, ConsentMode> row = new EnumMap<>(ConsentPurpose.class);
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				ConsentMode mode = modes.getOrDefault(channel, Map.of()).get(purpose);
				row.put(purpose, (mode != null) ? mode : ConsentMode.OPT_IN);
			}
			copy.put(channel, row);
		}
		return new ConsentRules(copy);
	}

	/**
	 * Japan's default: electronic channels (e-mail, remote detailing, web) opt-in for every purpose;
	 * visits and phone calls allowed unless the HCP objected.
	 */
	public static ConsentRules japanDefault() {
		Map<ConsentChannel, Map<ConsentPurpose, ConsentMode>> modes = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : ConsentChannel.values()) {
			Map<ConsentPurpose, ConsentMode> row = new EnumMap<>(ConsentPurpose.class);
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				row.put(purpose, (channel == ConsentChannel.VISIT || channel == ConsentChannel.PHONE)
						? ConsentMode.OPT_OUT : ConsentMode.OPT_IN);
			}
			modes.put(channel, row);
		}
		return of(modes);
	}

	/** Every channel and purpose opt-in: the strictest reading. */
	public static ConsentRules allOptIn() {
		return of(Map.of());
	}

	public ConsentMode modeFor(ConsentChannel channel, ConsentPurpose purpose) {
		return this.modes.get(channel).get(purpose);
	}

}
