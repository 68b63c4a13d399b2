package org.openpharma.crm.hcp;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** HCP aggregates; only {@link HcpManagement} writes through it. */
interface HcpRepository extends JpaRepository<Hcp, Long> {

	Optional<Hcp> findByRegistryNumber(String registryNumber);

	boolean existsByRegistryNumberAndIdNot(String registryNumber, Long id);

	boolean existsByRegistryNumber(String registryNumber);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select h from Hcp h where h.id = ?1")
	Optional<Hcp> findForUpdate(Long id);

	@Modifying
	@Query(value = "UPDATE affiliation SET hcp_id = ?2, version = version + 1 WHERE hcp_id = ?1", nativeQuery = true)
	int moveAffiliations(long fromHcpId, long toHcpId);

	@Modifying
	@Query(value = "UPDATE hcp SET merged_into_id = ?2, version = version + 1 WHERE merged_into_id = ?1", nativeQuery = true)
	int repointMerged(long fromHcpId, long toHcpId);

}
