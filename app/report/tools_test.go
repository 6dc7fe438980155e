package report

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// outDir, when given (go test ./app/report -args -out /tmp/rep), keeps the rendered documents to
// look at them: pdftoppm -r 60 -png /tmp/rep/verbale.pdf /tmp/rep/page.
var outDir = flag.String("out", "", "write the rendered documents into this folder")

// tool finds a command-line tool the tests read PDFs with. A missing tool fails the test, naming
// the Debian package: a skipped check would let a broken PDF through CI.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: apt-get install -y %s (the Debian package %s); .ci/run installs it", name, pkg, pkg)
	}
	return path
}

// writePDF saves a document under the test's temporary folder (and under -out when given).
func writePDF(t *testing.T, name string, b []byte) string {
	t.Helper()
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*outDir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// run runs a tool and returns its standard output, failing the test with its messages.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out, msg)
	}
	return string(out)
}

// pdfText extracts a document's text with pdftotext, in reading order and with every run of
// spaces and line ends made one space, so that a sentence wrapped over two lines is found whole.
// pages, when given, are the first and last page to read.
func pdfText(t *testing.T, path string, pages ...int) string {
	t.Helper()
	bin := tool(t, "pdftotext", "poppler-utils")
	args := []string{"-enc", "UTF-8"}
	if len(pages) == 2 {
		args = append(args, "-f", strconv.Itoa(pages[0]), "-l", strconv.Itoa(pages[1]))
	}
	return strings.Join(strings.Fields(run(t, bin, append(args, path, "-")...)), " ")
}

// pageCount reads the number of pages with pdfinfo.
func pageCount(t *testing.T, path string) int {
	t.Helper()
	bin := tool(t, "pdfinfo", "poppler-utils")
	for _, line := range strings.Split(run(t, bin, path), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatalf("pdfinfo %s: %v", path, err)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo %s: no page count", path)
	return 0
}

// checkPDF runs the checks a reader's tools make: qpdf finds the structure sound, and pdffonts lists
// every font as embedded.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	run(t, tool(t, "qpdf", "qpdf"), "--check", path)
	out := run(t, tool(t, "pdffonts", "poppler-utils"), path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts %s lists no font:\n%s", path, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		// name type encoding emb sub uni object ID: "emb" is the fifth field from the end.
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("pdffonts %s: font not embedded: %s", filepath.Base(path), l)
		}
	}
}
