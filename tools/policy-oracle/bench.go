package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
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

// timeLoop runs whole passes over the corpus until at least minimum has elapsed (one pass at least).
func timeLoop(cases []benchCase, minimum time.Duration, decide func(benchCase) bool) (int, float64, int) {
	decisions, allowed := 0, 0
	started := time.Now()
	for {
		for _, c := range cases {
			if decide(c) {
				allowed++
			}
		}
		decisions += len(cases)
		if elapsed := time.Since(started); elapsed >= minimum {
			return decisions, elapsed.Seconds(), allowed
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
	result.CachedDecisions, result.CachedSeconds, allowed = timeLoop(cases, minimum, func(c benchCase) bool {
		return c.merged.IsAllowed(c.args)
	})
	result.Allowed = allowed / (result.CachedDecisions / len(cases))
	result.MergeEachDecisions, result.MergeEachSeconds, _ = timeLoop(cases, minimum, func(c benchCase) bool {
		return policy.MergePolicies(c.parsed...).IsAllowed(c.args)
	})
	result.CachedPerSecond = float64(result.CachedDecisions) / result.CachedSeconds
	result.MergeEachPerSecond = float64(result.MergeEachDecisions) / result.MergeEachSeconds
	return json.NewEncoder(output).Encode(result)
}

func goVersion() string { return runtime.Version() }
