package org.openpharma.crm.system;

import java.time.ZoneId;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.Japan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Layer rules across the three jars that Spring Modulith does not express: the domain knows neither web
 * nor persistence, and the web reaches data only through services. Boundaries between features (cycles,
 * internals, allowed dependencies) are verified by ModularityTests (docs/adr/0020).
 */
class ArchitectureTests {

	static final DescribedPredicate<JavaClass> IN_CORE = DescribedPredicate.describe("are in crm-core",
			c -> c.getSource().map(s -> s.getUri().toString().contains("crm-core")).orElse(false));

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.openpharma.crm");
	}

	@Test
	void theDomainKnowsNoSpringWebOrPersistenceDetails() {
		noClasses().that(IN_CORE)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "org.hibernate..", "java.sql..")
			.check(classes);
	}

	@Test
	void webControllersDoNotTouchRepositoriesOrJdbcDirectly() {
		noClasses().that()
			.resideInAnyPackage("..web..", "org.openpharma.crm.system..")
			.and()
			.haveSimpleNameEndingWith("Controller")
			.should()
			.dependOnClassesThat()
			.haveSimpleNameEndingWith("Repository")
			.orShould()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..")
			.check(classes);
	}

	/** Every export goes through the one writer that neutralises formulas (CSV injection, OWASP). */
	@Test
	void theCompanysTimeZoneIsWrittenOnce() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(Japan.class.getName())
			.should()
			.callMethod(ZoneId.class, "of", String.class)
			.because("months, days and business calendars are Japanese: use Japan.ZONE")
			.check(classes);
	}

	@Test
	void csvIsWrittenOnlyByTheOneExportWriter() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(CsvExport.class.getName())
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.apache.commons.csv.CSVPrinter")
			.check(classes);
	}

	@Test
	void featuresDoNotDependOnTheWebLayer() {
		noClasses().that()
			.resideOutsideOfPackages("..web..", "org.openpharma.crm.system..", "org.openpharma.crm.admin..",
					"org.openpharma.crm.imports..", "org.openpharma.crm.demo..", "org.openpharma.crm")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..web..", "org.springframework.web..", "jakarta.servlet..")
			.check(classes);
	}

}
