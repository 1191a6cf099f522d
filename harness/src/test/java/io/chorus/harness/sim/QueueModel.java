package io.chorus.harness.sim;

/** One station fed by Poisson arrivals for a given simulated time: the smallest model the properties need. */
record QueueModel(Station.Stats stats, Sink sink, long events) {
    static QueueModel run(long seed, double rate, int servers, Distribution service, double seconds) {
        Simulation simulation = new Simulation(seed);
        Sink sink = new Sink(simulation);
        Station station = new Station(simulation, "station", servers, service, sink);
        Source.poisson(simulation, rate, station, seconds);
        simulation.runUntil(seconds);
        return new QueueModel(station.stats(), sink, simulation.eventsFired());
    }
}
