package dev.assay.api.settings;

import io.micronaut.data.annotation.Repository;
import io.micronaut.data.jpa.repository.JpaRepository;

@Repository
interface PlatformSettingRepository extends JpaRepository<PlatformSetting, String> {}
