import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for the capture benchmarks (docs/benchmarks.md), run by bench/capture-bench.sh as a
 * single-file program ({@code java bench/CaptureLoad.java ...}); JDK only, so it needs no build.
 *
 * <pre>
 * mode page   : GET /hcps/{hcp} (the HCP 360 page) from N logged-in sessions at once
 * mode form   : POST /interactions/new — a visit with two needs, a stage change and a patient count — from
 *               N sessions, each for random HCPs of the MR's territory (ids from --hcps FILE)
 * mode events : POST /api/v1/interactions/events in batches of --batch events with a Bearer --token
 * </pre>
 *
 * Prints one Markdown table row: mode, connections, requests, errors, throughput, p50/p95/p99/max ms.
 * With {@code --probe CMD --probe-out FILE} it runs the shell command CMD when the measured window starts and
 * once every request has finished, and writes its output to FILE as the lines {@code start ...} and
 * {@code end ...} (bench/page-cpu-bench.sh samples CPU ticks that way, without counting sign-in or warm-up).
 */
public class CaptureLoad {

	static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

	public static void main(String[] args) throws Exception {
		Map<String, String> opt = new LinkedHashMap<>(Map.of("base", "http://127.0.0.1:18080", "user", "mr01",
				"password", "demo-password-2026", "connections", "16", "seconds", "20", "warmup", "5", "batch", "1000"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String mode = opt.getOrDefault("mode", "page");
		int connections = Integer.parseInt(opt.get("connections"));
		long[] hcps = opt.containsKey("hcps") ? Files.readAllLines(Path.of(opt.get("hcps"))).stream()
			.filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.strip())).toArray() : new long[0];
		Duration warmup = Duration.ofSeconds(Long.parseLong(opt.get("warmup")));
		Duration measured = Duration.ofSeconds(Long.parseLong(opt.get("seconds")));

		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Worker worker = new Worker(i, mode, opt, hcps);
			worker.prepare();
			workers.add(worker);
		}
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + measured.toNanos();
		CountDownLatch done = new CountDownLatch(connections);
		String probe = opt.get("probe");
		for (Worker worker : workers) {
			Thread thread = new Thread(() -> {
				try {
					worker.run(measureFrom, end);
				}
				finally {
					done.countDown();
				}
			}, "load-" + worker.index);
			thread.start();
		}
		String probeStart = null;
		if (probe != null) {
			Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
			probeStart = probe(probe);
		}
		done.await();
		if (probe != null) {
			Files.writeString(Path.of(opt.get("probe-out")), "start " + probeStart + "\nend " + probe(probe) + "\n");
		}
		long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
		long errors = workers.stream().mapToLong(w -> w.errors).sum();
		long items = workers.stream().mapToLong(w -> w.items).sum();
		double seconds = measured.toNanos() / 1e9;
		String unit = mode.equals("events") ? "events" : "requests";
		System.out.printf("| %s | %d | %d | %d | %.0f %s/s | %.1f | %.1f | %.1f | %.1f |%n", mode, connections,
				all.length, errors, (mode.equals("events") ? items : all.length) / seconds, unit, ms(all, 0.50),
				ms(all, 0.95), ms(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
		if (!workers.isEmpty() && workers.get(0).lastError != null) {
			System.err.println("last error: " + workers.get(0).lastError);
		}
		System.exit(errors > all.length / 100 ? 1 : 0);
	}

	/** Runs a shell command and returns its output on one line. */
	static String probe(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("probe failed: " + out);
		}
		return out.replaceAll("\\s+", " ");
	}

	static double ms(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
	}

	static final class Worker {

		final int index;

		final String mode;

		final Map<String, String> opt;

		final long[] hcps;

		final SplittableRandom random;

		final HttpClient client;

		final String base;

		long[] latencies = new long[1 << 16];

		int count;

		long errors;

		long items;

		String csrf;

		String lastError;

		Worker(int index, String mode, Map<String, String> opt, long[] hcps) {
			this.index = index;
			this.mode = mode;
			this.opt = opt;
			this.hcps = hcps;
			this.random = new SplittableRandom(1_000 + index);
			this.base = opt.get("base");
			this.client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.cookieHandler(new CookieManager())
				.followRedirects(HttpClient.Redirect.NEVER)
				.connectTimeout(Duration.ofSeconds(10))
				.build();
		}

		void prepare() throws IOException, InterruptedException {
			if (this.mode.equals("events")) {
				return;
			}
			String loginPage = get("/login").body();
			String token = csrf(loginPage);
			HttpResponse<String> login = post("/login", form(Map.of("username", this.opt.get("user"), "password",
					this.opt.get("password"), "_csrf", token)));
			String location = login.headers().firstValue("Location").orElse("");
			if (login.statusCode() != 302 || location.contains("error")) {
				throw new IllegalStateException("login failed: " + login.statusCode() + " " + location);
			}
			if (this.mode.equals("form")) {
				this.csrf = csrf(get("/interactions/new").body());
			}
		}

		void run(long measureFrom, long end) {
			while (true) {
				long started = System.nanoTime();
				if (started >= end) {
					return;
				}
				boolean ok;
				try {
					ok = switch (this.mode) {
						case "page" -> page();
						case "form" -> logVisit();
						case "events" -> postEvents();
						default -> throw new IllegalArgumentException("mode " + this.mode);
					};
				}
				catch (IOException | InterruptedException ex) {
					ok = false;
					this.lastError = ex.toString();
				}
				long took = System.nanoTime() - started;
				if (started < measureFrom) {
					continue;
				}
				if (!ok) {
					this.errors++;
				}
				if (this.count == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
				}
				this.latencies[this.count++] = took;
				if (ok && this.mode.equals("events")) {
					this.items += Integer.parseInt(this.opt.get("batch"));
				}
			}
		}

		boolean page() throws IOException, InterruptedException {
			HttpResponse<String> response = get("/hcps/" + this.opt.get("hcp"));
			boolean ok = response.statusCode() == 200 && response.body().contains("</html>");
			if (!ok) {
				this.lastError = "GET /hcps/" + this.opt.get("hcp") + " -> " + response.statusCode();
			}
			return ok;
		}

		/** A visit with two needs, a stage change and a patient count, as the MR in the issue logs it. */
		boolean logVisit() throws IOException, InterruptedException {
			long hcp = this.hcps[this.random.nextInt(this.hcps.length)];
			String area = this.opt.getOrDefault("area", "1");
			String[] stages = { "AWARE", "INTERESTED", "TRIAL", "ADOPTER" };
			LocalDateTime at = LocalDateTime.now(JAPAN).minusMinutes(this.random.nextInt(600)).truncatedTo(ChronoUnit.MINUTES);
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("_csrf", this.csrf);
			fields.put("hcpId", Long.toString(hcp));
			fields.put("channel", "VISIT");
			fields.put("occurredAt", at.toString());
			fields.put("durationMinutes", Integer.toString(5 + this.random.nextInt(20)));
			fields.put("therapeuticAreaIds", area);
			fields.put("outcome", "資料を提供");
			fields.put("keyMessages", "有効性データ");
			fields.put("needs[0].topic", "高齢者での用量");
			fields.put("needs[0].category", "DOSING");
			fields.put("needs[0].therapeuticAreaId", area);
			fields.put("needs[0].urgency", "NORMAL");
			fields.put("needs[1].topic", "患者向け資材");
			fields.put("needs[1].category", "PATIENT_SUPPORT");
			fields.put("needs[1].therapeuticAreaId", area);
			fields.put("needs[1].urgency", "LOW");
			fields.put("stages[0].therapeuticAreaId", area);
			fields.put("stages[0].stage", stages[this.random.nextInt(stages.length)]);
			fields.put("stages[0].reason", "面談で関心");
			fields.put("patientCounts[0].therapeuticAreaId", area);
			fields.put("patientCounts[0].period", at.toLocalDate().withDayOfMonth(1).toString().substring(0, 7));
			int eligible = 10 + this.random.nextInt(200);
			fields.put("patientCounts[0].eligiblePatients", Integer.toString(eligible));
			fields.put("patientCounts[0].treatedPatients", Integer.toString(this.random.nextInt(eligible)));
			HttpResponse<String> response = post("/interactions/new", form(fields));
			boolean ok = response.statusCode() == 302
					&& response.headers().firstValue("Location").orElse("").contains("/hcps/" + hcp);
			if (!ok) {
				this.lastError = "POST /interactions/new -> " + response.statusCode() + " "
						+ response.headers().firstValue("Location").orElse(snippet(response.body()));
			}
			return ok;
		}

		boolean postEvents() throws IOException, InterruptedException {
			int batch = Integer.parseInt(this.opt.get("batch"));
			StringBuilder json = new StringBuilder("{\"events\":[");
			String[] channels = { "WEB_CONTENT", "WEBINAR", "EMAIL_OPENED" };
			String now = java.time.Instant.now().minusSeconds(60).toString();
			for (int i = 0; i < batch; i++) {
				long hcp = this.hcps[this.random.nextInt(this.hcps.length)];
				if (i > 0) {
					json.append(',');
				}
				json.append("{\"externalId\":\"bench-").append(this.index).append('-').append(System.nanoTime())
					.append('-').append(i).append("\",\"hcpId\":").append(hcp).append(",\"channel\":\"")
					.append(channels[this.random.nextInt(channels.length)]).append("\",\"occurredAt\":\"").append(now)
					.append("\",\"contentTitle\":\"製品情報ページ\"}");
			}
			json.append("]}");
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + "/api/v1/interactions/events"))
				.header("Authorization", "Bearer " + this.opt.get("token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.toString()))
				.timeout(Duration.ofSeconds(60))
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			boolean ok = response.statusCode() == 200 && response.body().contains("\"accepted\":" + batch);
			if (!ok) {
				this.lastError = "POST events -> " + response.statusCode() + " " + snippet(response.body());
			}
			return ok;
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30))
				.GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
			return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		static String csrf(String html) {
			Matcher m = CSRF.matcher(html);
			if (!m.find()) {
				throw new IllegalStateException("no CSRF token in page");
			}
			return (m.group(1) != null) ? m.group(1) : m.group(2);
		}

		static String form(Map<String, String> fields) {
			StringBuilder sb = new StringBuilder();
			fields.forEach((k, v) -> {
				if (sb.length() > 0) {
					sb.append('&');
				}
				sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
					.append(URLEncoder.encode(v, StandardCharsets.UTF_8));
			});
			return sb.toString();
		}

		static String snippet(String body) {
			String flat = body.replaceAll("\\s+", " ");
			int error = flat.indexOf("invalid-feedback");
			return flat.substring(Math.max(0, error), Math.min(flat.length(), Math.max(0, error) + 300));
		}

	}

}
