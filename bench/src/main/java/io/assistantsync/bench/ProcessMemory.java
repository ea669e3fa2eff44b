package io.assistantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status}: {@code VmRSS} now and {@code VmHWM}, the
 * peak the kernel recorded.
 *
 * @param rssBytes the resident set size
 * @param hwmBytes the peak resident set size
 */
record ProcessMemory(long rssBytes, long hwmBytes) {

	static ProcessMemory of(long pid) {
		long rss = 0;
		long hwm = 0;
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					rss = kilobytes(line) * 1024;
				}
				else if (line.startsWith("VmHWM:")) {
					hwm = kilobytes(line) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// the process is gone or this is not Linux: nothing to add
		}
		return new ProcessMemory(rss, hwm);
	}

	private static long kilobytes(String line) {
		return Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

}
