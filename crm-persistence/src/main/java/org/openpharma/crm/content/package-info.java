/**
 * The content library: approved material that answers HCPs' needs, its versions and their review, and the files
 * behind them. Application module {@code content}; its package is split across the jars (docs/adr/0020).
 */
@ApplicationModule(displayName = "content", allowedDependencies = { "audit", "consent", "need", "reference", "shared",
		"stage", "user" })
package org.openpharma.crm.content;

import org.springframework.modulith.ApplicationModule;
