package org.openpharma.crm.need;

import org.springframework.data.jpa.repository.JpaRepository;

/** Information needs; written through InteractionManagement (capture) and NeedManagement (triage). */
public interface InformationNeedRepository extends JpaRepository<InformationNeed, Long> {

}
