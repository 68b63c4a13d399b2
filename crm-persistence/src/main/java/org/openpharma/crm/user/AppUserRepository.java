package org.openpharma.crm.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

/** Users; written only through {@link UserManagement}. */
interface AppUserRepository extends JpaRepository<AppUser, Long> {

	@EntityGraph(attributePaths = { "roles", "territoryIds" })
	Optional<AppUser> findByUsername(String username);

	@EntityGraph(attributePaths = { "roles", "territoryIds" })
	Optional<AppUser> findWithRolesById(Long id);

	boolean existsByUsername(String username);

	@EntityGraph(attributePaths = { "roles", "territoryIds" })
	List<AppUser> findAllByOrderByUsernameAsc();

}
