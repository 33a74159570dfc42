// Command policy-oracle answers Gatehouse policy cases with MinIO's own evaluator
// (github.com/minio/pkg/v3/policy at v3.1.3), so the TypeScript engine can be tested against it.
//
// Case mode (default): reads JSON Lines on stdin, one case a line:
//
//	{"id": "…", "policies": [<document or raw JSON string>, …], "request": {…}}
//
// and writes one line a case, in input order: {"id": …, "allowed": bool} or {"id": …, "error": "…"}.
// Each document goes through ParseConfig (decode, drop duplicate statements, Validate); a string
// element is parsed from its exact bytes. The documents are merged with MergePolicies, as the server
// merges a user's attached policies, and the request is answered by Policy.IsAllowed.
//
// Bench mode (-bench FILE): parses the corpus once, then times in-process decisions and prints one
// JSON object with decisions/s for the cached path (merged once) and the server's path (re-merge on
// every request, as IAMSys.IsAllowed does in v3.1.3).
//
// This tool is a test oracle only; it is never shipped in the application.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/minio/pkg/v3/policy"
)

type request struct {
	Action          string              `json:"action"`
	Bucket          string              `json:"bucket"`
	Object          string              `json:"object"`
	Account         string              `json:"account"`
	Groups          []string            `json:"groups"`
	IsOwner         bool                `json:"isOwner"`
	DenyOnly        bool                `json:"denyOnly"`
	ConditionValues map[string][]string `json:"conditionValues"`
}

type testCase struct {
	ID       json.RawMessage   `json:"id"`
	Policies []json.RawMessage `json:"policies"`
	Request  request           `json:"request"`
}

type answer struct {
	ID      json.RawMessage `json:"id"`
	Allowed *bool           `json:"allowed,omitempty"`
	Error   *string         `json:"error,omitempty"`
}

// documentBytes returns the bytes ParseConfig must see: a JSON string element holds raw policy text
// (so duplicate keys, key case and trailing text survive); any other element is used as written.
func documentBytes(element json.RawMessage) ([]byte, error) {
	trimmed := bytes.TrimLeft(element, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '"' {
		var text string
		if err := json.Unmarshal(trimmed, &text); err != nil {
			return nil, err
		}
		return []byte(text), nil
	}
	return element, nil
}

// parseAll parses every document; the first rejected document decides the error.
func parseAll(elements []json.RawMessage) ([]policy.Policy, error) {
	parsed := make([]policy.Policy, 0, len(elements))
	for _, element := range elements {
		data, err := documentBytes(element)
		if err != nil {
			return nil, err
		}
		doc, err := policy.ParseConfig(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		parsed = append(parsed, *doc)
	}
	return parsed, nil
}

func toArgs(r request) policy.Args {
	return policy.Args{
		AccountName:     r.Account,
		Groups:          r.Groups,
		Action:          policy.Action(r.Action),
		BucketName:      r.Bucket,
		ObjectName:      r.Object,
		ConditionValues: r.ConditionValues,
		IsOwner:         r.IsOwner,
		DenyOnly:        r.DenyOnly,
	}
}

// decide answers one case. A panic inside MinIO's code (for example an empty value list for a policy
// variable) is reported as an error line rather than ending the stream.
func decide(c testCase) (result answer) {
	result.ID = c.ID
	defer func() {
		if recovered := recover(); recovered != nil {
			message := fmt.Sprintf("panic: %v", recovered)
			result.Allowed, result.Error = nil, &message
		}
	}()
	parsed, err := parseAll(c.Policies)
	if err != nil {
		message := err.Error()
		result.Error = &message
		return result
	}
	allowed := policy.MergePolicies(parsed...).IsAllowed(toArgs(c.Request))
	result.Allowed = &allowed
	return result
}

func runCases(input io.Reader, output io.Writer) error {
	reader := bufio.NewReaderSize(input, 1<<20)
	writer := bufio.NewWriterSize(output, 1<<16)
	encoder := json.NewEncoder(writer)
	encoder.SetEscapeHTML(false)
	for {
		line, readErr := reader.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var c testCase
			if err := json.Unmarshal(line, &c); err != nil {
				return fmt.Errorf("bad case line %q: %w", truncate(line), err)
			}
			if err := encoder.Encode(decide(c)); err != nil {
				return err
			}
		}
		// Flush whenever the input runs dry, so a caller that streams cases sees answers promptly.
		if reader.Buffered() == 0 {
			if err := writer.Flush(); err != nil {
				return err
			}
		}
		if readErr == io.EOF {
			return writer.Flush()
		}
		if readErr != nil {
			return readErr
		}
	}
}

func truncate(line []byte) string {
	if len(line) > 200 {
		return string(line[:200]) + "…"
	}
	return string(line)
}

func main() {
	benchFile := flag.String("bench", "", "time decisions over the cases in this JSON Lines file")
	duration := flag.Duration("duration", 2*time.Second, "minimum time per bench measurement")
	flag.Parse()
	var err error
	if *benchFile != "" {
		err = runBench(*benchFile, *duration, os.Stdout)
	} else {
		err = runCases(os.Stdin, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "policy-oracle:", err)
		os.Exit(1)
	}
}
