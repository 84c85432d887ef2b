package dev.switchboard.learning;

/**
 * How a model did on live tickets over a window.
 *
 * @param decided       tickets it decided
 * @param misrouted     of those, the ones a person moved to another category or team
 * @param lowConfidence of those, the ones below the confidence threshold (sent for human review)
 */
public record LiveFigures(long decided, long misrouted, long lowConfidence) {

    public static final LiveFigures NONE = new LiveFigures(0, 0, 0);

    public double misrouteRate() {
        return decided == 0 ? 0 : (double) misrouted / decided;
    }

    public double lowConfidenceRate() {
        return decided == 0 ? 0 : (double) lowConfidence / decided;
    }

    public LiveFigures plus(LiveFigures other) {
        return new LiveFigures(decided + other.decided, misrouted + other.misrouted, lowConfidence + other.lowConfidence);
    }
}
