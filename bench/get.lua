-- wrk script: GET with Basic auth. BENCH_AUTH comes from the environment.
wrk.method = "GET"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
