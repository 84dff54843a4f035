-- wrk script: POST a form body with Basic auth. BENCH_BODY and BENCH_AUTH come from the environment.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")
wrk.headers["Ui-Version"] = "bench"
