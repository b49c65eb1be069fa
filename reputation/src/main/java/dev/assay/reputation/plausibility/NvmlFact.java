package dev.assay.reputation.plausibility;

/** The NVML facts a report is checked against its claimed SKU on. */
public enum NvmlFact {
    NAME,
    PCI_DEVICE_ID,
    MEMORY_TOTAL,
    MEMORY_BUS_WIDTH
}
