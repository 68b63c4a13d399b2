package org.openpharma.crm.interaction;

import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

/** Interactions; written only through {@link InteractionManagement}. */
interface InteractionRepository extends JpaRepository<Interaction, Long> {

	boolean existsByExternalEventId(String externalEventId);

	/** With its products and therapeutic areas, so that screens can read them after the transaction. */
	@Override
	@EntityGraph(attributePaths = { "productIds", "therapeuticAreaIds" })
	Optional<Interaction> findById(Long id);

}
