package org.openpharma.crm.hco;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** HCO aggregates; written only through {@link HcoManagement}. */
interface HcoRepository extends JpaRepository<Hco, Long> {

	Optional<Hco> findByInstitutionCode(String institutionCode);

}
