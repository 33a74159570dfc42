package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/minio/pkg/v3/policy"
)

type benchCase struct {
	parsed []policy.Policy
	merged policy.Policy
	args   policy.Args
}

type benchResult struct {
	Cases                  int     `json:"cases"`
	Skipped                int     `json:"skipped"`
	Allowed                int     `json:"allowed"`
	CachedDecisions        int     `json:"cachedDecisions"`
	CachedSeconds          float64 `json:"cachedSeconds"`
	CachedPerSecond        float64 `json:"cachedDecisionsPerSecond"`
	CachedPerCPUSecond     float64 `json:"cachedDecisionsPerCpuSecond"`
	MergeEachDecisions     int     `json:"mergeEachDecisions"`
	MergeEachSeconds       float64 `json:"mergeEachSeconds"`
	MergeEachPerSecond     float64 `json:"mergeEachDecisionsPerSecond"`
	GoVersionOfMeasurement string  `json:"goVersion"`
}

// loadCorpus parses every case once; cases whose documents are rejected are skipped, because the
// benchmark measures decisions, not parsing.
func loadCorpus(path string) ([]benchCase, int, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer file.Close()
	reader := bufio.NewReaderSize(file, 1<<20)
	var cases []benchCase
	skipped := 0
	for {
		line, readErr := reader.ReadBytes('\n')
		if len(line) > 1 {
			var c testCase
			if err := json.Unmarshal(line, &c); err != nil {
				return nil, 0, fmt.Errorf("bad case line %q: %w", truncate(line), err)
			}
			parsed, err := parseAll(c.Policies)
			if err != nil {
				skipped++
			} else {
				cases = append(cases, benchCase{parsed, policy.MergePolicies(parsed...), toArgs(c.Request)})
			}
		}
		if readErr == io.EOF {
			return cases, skipped, nil
		}
		if readErr != nil {
			return nil, 0, readErr
		}
	}
}

// cpuSeconds is this process's user+system CPU time: on a shared machine it measures the work done
// rather than the share of the CPU the process happened to get.
func cpuSeconds() float64 {
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		return 0
	}
	return time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
}

// timeLoop runs whole passes over the corpus until at least minimum has elapsed (one pass at least).
// It returns decisions, wall seconds, CPU seconds and allowed decisions.
func timeLoop(cases []benchCase, minimum time.Duration, decide func(benchCase) bool) (int, float64, float64, int) {
	decisions, allowed := 0, 0
	started, startedCPU := time.Now(), cpuSeconds()
	for {
		for _, c := range cases {
			if decide(c) {
				allowed++
			}
		}
		decisions += len(cases)
		if elapsed := time.Since(started); elapsed >= minimum {
			return decisions, elapsed.Seconds(), cpuSeconds() - startedCPU, allowed
		}
	}
}

func runBench(path string, minimum time.Duration, output io.Writer) error {
	cases, skipped, err := loadCorpus(path)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("no evaluable cases in %s", path)
	}
	result := benchResult{Cases: len(cases), Skipped: skipped, GoVersionOfMeasurement: goVersion()}
	var allowed int
	var cachedCPU float64
	result.CachedDecisions, result.CachedSeconds, cachedCPU, allowed = timeLoop(cases, minimum, func(c benchCase) bool {
		return c.merged.IsAllowed(c.args)
	})
	result.Allowed = allowed / (result.CachedDecisions / len(cases))
	result.MergeEachDecisions, result.MergeEachSeconds, _, _ = timeLoop(cases, minimum, func(c benchCase) bool {
		return policy.MergePolicies(c.parsed...).IsAllowed(c.args)
	})
	result.CachedPerSecond = float64(result.CachedDecisions) / result.CachedSeconds
	if cachedCPU > 0 {
		result.CachedPerCPUSecond = float64(result.CachedDecisions) / cachedCPU
	}
	result.MergeEachPerSecond = float64(result.MergeEachDecisions) / result.MergeEachSeconds
	return json.NewEncoder(output).Encode(result)
}

func goVersion() string { return runtime.Version() }
