package dev.assay.api.settings;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.TreeMap;

/** Read access to the operator's settings, as plain name → value text. */
@Singleton
public class PlatformSettings {

    private final PlatformSettingRepository repository;

    PlatformSettings(PlatformSettingRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Map<String, String> all() {
        Map<String, String> values = new TreeMap<>();
        repository.findAll().forEach(s -> values.put(s.getName(), s.getValue()));
        return values;
    }
}
