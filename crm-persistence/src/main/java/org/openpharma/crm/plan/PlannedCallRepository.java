package org.openpharma.crm.plan;

import org.springframework.data.jpa.repository.JpaRepository;

/** Planned calls; written through {@link CallPlans}. */
public interface PlannedCallRepository extends JpaRepository<PlannedCall, Long> {

}
