package dev.assay.reputation.score;

/**
 * One term of an Assay Score: the measured figure, the reference it is divided by, the weight it is
 * raised to, and the resulting factor. The score is 100 × the product of all factors.
 *
 * @param figure which figure
 * @param measured the GPU's measured value
 * @param reference the reference GPU's value
 * @param weight the exponent
 * @param ratio measured ÷ reference
 * @param factor ratio ^ weight
 */
public record ScoreTerm(ScoreFigure figure, double measured, double reference, double weight, double ratio, double factor) {}
