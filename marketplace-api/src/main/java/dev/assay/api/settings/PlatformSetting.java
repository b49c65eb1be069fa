package dev.assay.api.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One operator-tunable setting of the marketplace (persistence only; never reaches a REST response). */
@Entity
@Table(name = "platform_settings")
// Public getters: Micronaut Data introspects entities as beans.
class PlatformSetting {

    @Id
    @Column(name = "name", length = 100)
    private String name;

    @Column(name = "setting_value", nullable = false, length = 1000)
    private String value;

    @Column(name = "description", nullable = false, length = 500)
    private String description;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected PlatformSetting() {}

    PlatformSetting(String name, String value, String description, Instant updatedAt) {
        this.name = name;
        this.value = value;
        this.description = description;
        this.updatedAt = updatedAt;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public String getDescription() {
        return description;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    void change(String newValue, Instant at) {
        this.value = newValue;
        this.updatedAt = at;
    }
}
