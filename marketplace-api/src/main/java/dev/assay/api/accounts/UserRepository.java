package dev.assay.api.accounts;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@Repository
interface UserRepository extends JpaRepository<UserAccount, String> {

    /** By e-mail as stored (lower-case). */
    Optional<UserAccount> findByEmail(String email);

    List<UserAccount> findByIdIn(Collection<String> ids);
}
