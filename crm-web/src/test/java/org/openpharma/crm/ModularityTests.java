package org.openpharma.crm;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages are Spring Modulith application modules (docs/adr/0020): one module per
 * feature across crm-core, crm-persistence and crm-web, each feature's screens ({@code x.web}) a nested
 * module. Verifies that modules form no cycles, touch no other module's internals and depend only on
 * the modules their package-info allows, then writes the module documentation into docs/modules.
 */
class ModularityTests {

	/** crm-test-support is on this test classpath but is no part of the application. */
	static final ApplicationModules MODULES = ApplicationModules.of(CrmApplication.class,
			JavaClass.Predicates.resideInAPackage("org.openpharma.crm.testsupport.."));

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	/** A split package is one module: hcp's core records, persistence services and screens together. */
	@Test
	void aFeatureSplitAcrossTheJarsIsOneModule() {
		var hcp = MODULES.getModuleByName("hcp").orElseThrow();
		assertThat(hcp.contains("org.openpharma.crm.hcp.Hcp")).as("crm-core").isTrue();
		assertThat(hcp.contains("org.openpharma.crm.hcp.HcpManagement")).as("crm-persistence").isTrue();
		assertThat(MODULES.getModuleByName("hcp.web").orElseThrow().contains("org.openpharma.crm.hcp.web.HcpController"))
			.as("crm-web")
			.isTrue();
		assertThat(MODULES.getNestedModules(hcp)).extracting(m -> m.getIdentifier().toString())
			.containsExactly("hcp.web");
	}

	@Test
	void writesTheModuleDocumentation() {
		Path docs = Path.of(System.getProperty("basedir", "."), "..", "docs", "modules").normalize();
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString())).writeDocumentation();
	}

}
