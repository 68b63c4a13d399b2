package org.openpharma.crm.stage;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Current adoption stages; the history is appended by InteractionManagement. */
public interface HcpStageRepository extends JpaRepository<HcpStage, Long> {

	Optional<HcpStage> findByHcpIdAndTherapeuticAreaId(long hcpId, long therapeuticAreaId);

	/** The current stage, locked until the transaction ends, so that concurrent changes queue up. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from HcpStage s where s.hcpId = :hcpId and s.therapeuticAreaId = :areaId")
	Optional<HcpStage> lockCurrent(@Param("hcpId") long hcpId, @Param("areaId") long therapeuticAreaId);

}
