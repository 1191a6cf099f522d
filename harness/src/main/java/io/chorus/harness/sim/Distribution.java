package io.chorus.harness.sim;

import java.util.SplittableRandom;

/** A random duration in seconds: a service time or a gap between arrivals. */
public interface Distribution {
    double sample(SplittableRandom random);

    double mean();

    /** Memoryless, as a Poisson process's gaps or an M/M/k queue's service times. */
    static Distribution exponential(double mean) {
        if (!(mean > 0)) {
            throw new IllegalArgumentException("an exponential needs a positive mean: " + mean);
        }
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return -mean * Math.log(1 - random.nextDouble()); // 1 - u is in (0, 1]: never log(0)
            }

            @Override
            public double mean() {
                return mean;
            }
        };
    }

    /** Always the same, as a fixed network round trip or a paced arrival schedule. */
    static Distribution constant(double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException("a duration cannot be negative: " + value);
        }
        return new Distribution() {
            @Override
            public double sample(SplittableRandom random) {
                return value;
            }

            @Override
            public double mean() {
                return value;
            }
        };
    }
}
