package dev.assay.loadgen.bare;

/** The bytes the bare server answers: a search answer captured from the marketplace. */
public record FixedSearchAnswer(byte[] json) {}
