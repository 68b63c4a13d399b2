package org.openpharma.crm.stage;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Current adoption stages; the history is appended by InteractionManagement. */
public interface HcpStageRepository extends JpaRepository<HcpStage, Long> {

	Optional<HcpStage> findByHcpIdAndTherapeuticAreaId(long hcpId, long therapeuticAreaId);

}
