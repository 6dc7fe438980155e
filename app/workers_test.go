package app

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The package's tests run in a few processes at once.
//
// Most tests drive a window, and Fyne's test driver is one per process: fyne.CurrentApp is global and
// the driver's CanvasForObject answers with the window created last, so two tests driving windows at
// the same time in one process would move each other's focus. t.Parallel is therefore not safe here.
// Instead a plain run of the package (no -run, no profiles, no coverage, not -json) starts the test
// binary again as a few worker processes, each running batches of whole tests one after the other, as
// in any run, and prints their output batch by batch. The demo database is seeded once, here, and every
// worker copies it.
//
// TAVOLI_TEST_WORKERS=1 runs every test in this process; TAVOLI_TEST_WORKERS=n sets the number of
// workers (by default GOMAXPROCS, at most 4).

const (
	workersEnv = "TAVOLI_TEST_WORKERS" // how many worker processes; 1 runs the tests in this process
	workerEnv  = "TAVOLI_TEST_WORKER"  // set in a worker: it runs the tests it was given, as usual
	demoEnv    = "TAVOLI_TEST_DEMO"    // in a worker: the demo database to copy, seeded by the parent
)

// workers is how many worker processes this run uses; 1 when the tests run in this process.
func workers() int {
	if os.Getenv(workerEnv) != "" {
		return 1
	}
	n := runtime.GOMAXPROCS(0)
	if n > 4 {
		n = 4 // each worker under -race holds some hundreds of MB
	}
	if v := os.Getenv(workersEnv); v != "" {
		k, err := strconv.Atoi(v)
		if err != nil || k < 1 {
			fmt.Fprintf(os.Stderr, "%s=%q: want a number of processes, 1 or more\n", workersEnv, v)
			os.Exit(2)
		}
		n = k
	}
	if n < 2 || testing.CoverMode() != "" {
		return 1
	}
	// Runs that choose tests, profile, fuzz, stop at the first failure or report to test2json stay in
	// one process: their flags are about the run as a whole.
	for name, usual := range map[string]string{
		"test.run": "", "test.skip": "", "test.list": "", "test.bench": "", "test.fuzz": "",
		"test.fuzzworker": "false", "test.failfast": "false", "test.cpuprofile": "", "test.memprofile": "",
		"test.blockprofile": "", "test.mutexprofile": "", "test.trace": "", "test.coverprofile": "",
		"test.artifacts": "false", "test.v": "",
	} {
		f := flag.Lookup(name)
		if f == nil {
			continue
		}
		v := f.Value.String()
		if name == "test.v" {
			if v == "test2json" {
				return 1
			}
			continue
		}
		if v != usual {
			return 1
		}
	}
	return n
}

// testNameRE is a line of -test.list naming a test the workers are to run.
var testNameRE = regexp.MustCompile(`^(Test|Example|Fuzz)\w*$`)

// runWorkers runs the package's tests in n worker processes and returns the exit code; ok is false when
// the tests are better run in this process (there are too few to share).
func runWorkers(n int) (code int, ok bool) {
	start := time.Now()
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	names, err := listTests(exe)
	if err != nil {
		fmt.Fprintf(os.Stderr, "listing the tests for the workers: %v\n", err)
		return 2, true
	}
	if len(names) < 2 {
		return 0, false
	}

	dir, err := os.MkdirTemp("", "tavoli-demo-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "seeding the demo for the workers: %v\n", err)
		return 2, true
	}
	defer os.RemoveAll(dir)
	demo := filepath.Join(dir, "demo.db")
	if err := seed(demo); err != nil {
		fmt.Fprintf(os.Stderr, "seeding the demo for the workers: %v\n", err)
		return 2, true
	}

	// Each worker gets the time left of the run's timeout, so that a test that hangs is reported by
	// its worker, with the goroutines' stacks, before this process gives up on it.
	timeout := flag.Lookup("test.timeout").Value.(flag.Getter).Get().(time.Duration)
	var deadline time.Time
	if timeout > 0 {
		deadline = start.Add(timeout)
	}
	args := workerArgs(os.Args[1:])
	testlog := flag.Lookup("test.testlogfile").Value.String() // cmd/go's, to cache a passing run

	// Whole tests in batches, a few per worker, handed to whichever worker is free: a worker process
	// costs a second or so, and the tests take from a tenth of a second to twenty seconds.
	k := min(len(names), 4*n)
	batches := make([]*batch, k)
	for i := range batches {
		batches[i] = &batch{done: make(chan struct{})}
		if testlog != "" {
			batches[i].testlog = filepath.Join(dir, fmt.Sprintf("testlog-%d.txt", i))
		}
	}
	for i, name := range names {
		b := batches[i%k]
		b.names = append(b.names, name)
	}

	var mu sync.Mutex
	running := map[*exec.Cmd]bool{}
	if timeout > 0 {
		// A backstop: the workers' own timeouts come first.
		time.AfterFunc(time.Until(deadline)+15*time.Second, func() {
			mu.Lock()
			for c := range running {
				c.Process.Kill()
			}
			mu.Unlock()
			fmt.Fprintf(os.Stderr, "panic: test timed out after %v: the worker processes did not end\n", timeout)
			os.RemoveAll(dir)
			os.Exit(2)
		})
	}
	queue := make(chan *batch)
	go func() {
		for _, b := range batches {
			queue <- b
		}
		close(queue)
	}()
	for range n {
		go func() {
			for b := range queue {
				a := append([]string{}, args...)
				a = append(a, "-test.run=^("+strings.Join(b.names, "|")+")$")
				if b.testlog != "" {
					a = append(a, "-test.testlogfile="+b.testlog)
				}
				if timeout > 0 {
					left := time.Until(deadline)
					if left <= 0 {
						b.err = fmt.Errorf("not started: the run's %v are over", timeout)
						close(b.done)
						continue
					}
					a = append(a, "-test.timeout="+left.String())
				}
				c := exec.Command(exe, a...)
				c.Env = append(os.Environ(), workerEnv+"=1", demoEnv+"="+demo)
				c.Stdout, c.Stderr = &b.out, &b.out
				mu.Lock()
				b.err = c.Start()
				if b.err == nil {
					running[c] = true
				}
				mu.Unlock()
				if b.err == nil {
					b.err = c.Wait()
					mu.Lock()
					delete(running, c)
					mu.Unlock()
				}
				close(b.done)
			}
		}()
	}

	failed := false
	for _, b := range batches {
		<-b.done
		out := b.out.Bytes()
		if b.err == nil {
			// The worker's closing PASS: this process prints one for the whole run.
			out = bytes.TrimSuffix(out, []byte("PASS\n"))
		} else {
			failed = true
		}
		os.Stdout.Write(out)
		if b.err != nil {
			fmt.Printf("worker running -test.run='^(%s)$': %v\n", strings.Join(b.names, "|"), b.err)
		}
	}
	if failed {
		fmt.Println("FAIL")
		return 1, true
	}
	if testlog != "" {
		mergeTestlogs(testlog, batches)
	}
	fmt.Println("PASS")
	return 0, true
}

// testlogMagic starts a test log (testing/internal/testdeps).
const testlogMagic = "# test log\n"

// mergeTestlogs writes to path the files and variables the workers' tests looked at, as one test log,
// so that cmd/go can cache the run as it caches a run in one process. Each worker's part starts again
// from this process's folder. A worker's log missing leaves the run uncached.
func mergeTestlogs(path string, batches []*batch) {
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	out := []byte(testlogMagic)
	for _, b := range batches {
		l, err := os.ReadFile(b.testlog)
		if err != nil || !bytes.HasPrefix(l, []byte(testlogMagic)) {
			return
		}
		out = append(out, "chdir "+wd+"\n"...)
		out = append(out, l[len(testlogMagic):]...)
	}
	os.WriteFile(path, out, 0o666)
}

// batch is the tests one worker process runs.
type batch struct {
	names   []string
	testlog string       // where the worker writes its test log, when cmd/go asked for one
	out     bytes.Buffer // the worker's stdout and stderr
	err     error        // why the worker failed (a test failed: exit status 1)
	done    chan struct{}
}

// listTests lists the package's tests, as the test binary exe does with -test.list.
func listTests(exe string) ([]string, error) {
	c := exec.Command(exe, "-test.list=.")
	// Nothing runs: the race detector need not wait for late goroutines at exit.
	c.Env = append(os.Environ(), workerEnv+"=1", "GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	out, err := c.Output()
	if err != nil {
		return nil, fmt.Errorf("%s -test.list: %v", exe, err)
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		if testNameRE.MatchString(line) {
			names = append(names, line)
		}
	}
	return names, nil
}

// workerArgs are this run's arguments for a worker: all of them but the timeout and the test log, which
// each worker gets its own.
func workerArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "test.timeout" || name == "test.testlogfile" {
			if !hasValue {
				i++ // the value is the next argument
			}
			continue
		}
		out = append(out, a)
	}
	return out
}
