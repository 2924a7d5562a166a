package dev.baton.core.route;

/**
 * Draws from Beta(a, b) out of uniform {@link Draws}: the ratio of two Gamma draws (Marsaglia and Tsang's method,
 * with normal draws by Box-Muller and the {@code a < 1} boost). Deterministic for a given sequence of draws;
 * stateless.
 */
final class BetaSampler {
    private BetaSampler() {}

    static double beta(double a, double b, Draws draws) {
        double x = gamma(a, draws);
        double y = gamma(b, draws);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    static double gamma(double shape, Draws draws) {
        if (shape < 1) {
            return gamma(shape + 1, draws) * Math.pow(uniformOpen(draws), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        for (int tries = 0; tries < 1_000; tries++) {
            double x = normal(draws);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = uniformOpen(draws);
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
        return d; // practically unreachable (acceptance is over 95 % per try); the mode keeps the policy working
    }

    private static double normal(Draws draws) {
        return Math.sqrt(-2 * Math.log(uniformOpen(draws))) * Math.cos(2 * Math.PI * draws.next());
    }

    private static double uniformOpen(Draws draws) {
        double u = draws.next();
        return u <= 0 ? Double.MIN_VALUE : u;
    }
}
