package org.openpharma.crm.stream;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.openpharma.crm.shared.DomainEvent;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schema (docs/events/asyncapi.yaml) describes every domain event the code has, field by field: a new
 * event or field fails here until the document says what it means.
 */
class EventCatalogueTests {

	@Test
	@SuppressWarnings("unchecked")
	void theAsyncApiDocumentDescribesEveryEventAndField() throws IOException {
		Map<String, Object> document = new Yaml()
			.load(Files.readString(Path.of("..", "docs", "events", "asyncapi.yaml")));
		Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) document.get("components"))
			.get("messages");
		List<Class<?>> events = new ClassFileImporter().importPackages("org.openpharma.crm")
			.stream()
			.filter(c -> c.isAssignableTo(DomainEvent.class) && !c.isInterface())
			.map(JavaClass::reflect)
			.toList();
		// Both ways: a message for every event, and no message for an event the code no longer has.
		assertThat(events).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(messages.keySet());
		for (Class<?> event : events) {
			assertThat(messages).as("message for %s", event.getSimpleName()).containsKey(event.getSimpleName());
			Map<String, Object> message = (Map<String, Object>) messages.get(event.getSimpleName());
			Map<String, Object> data = (Map<String, Object>) dataSchema(message);
			Map<String, Object> properties = (Map<String, Object>) data.get("properties");
			for (RecordComponent component : event.getRecordComponents()) {
				assertThat(properties).as("%s.%s", event.getSimpleName(), component.getName())
					.containsKey(component.getName());
			}
			assertThat(properties.keySet()).as("%s: no field the record does not have", event.getSimpleName())
				.containsExactlyInAnyOrderElementsOf(
						List.of(event.getRecordComponents()).stream().map(RecordComponent::getName).toList());
		}
	}

	@SuppressWarnings("unchecked")
	private static Object dataSchema(Map<String, Object> message) {
		List<Object> allOf = (List<Object>) ((Map<String, Object>) message.get("payload")).get("allOf");
		Map<String, Object> specific = (Map<String, Object>) allOf.get(1);
		return ((Map<String, Object>) specific.get("properties")).get("data");
	}

}
