// Package install keeps what belongs to this installation of Tavoli rather than to a database file:
// the device id that marks every change made here, the operator's name used in histories, and the
// chosen language. Offices copy database files between computers; this file stays behind, so two
// computers never share an identity.
package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/atomicfile"
)

// FileName is the name of the installation file inside the configuration folder.
const FileName = "installation.json"

// Installation is this computer's identity in Tavoli.
type Installation struct {
	DeviceID   string `json:"device_id"`
	DeviceName string `json:"device_name"` // the computer's name, shown in the status line
	Operator   string `json:"operator"`    // "Chi usa questo computer?"
	Language   string `json:"language"`    // "" (Italian unless the system asks for English), "it" or "en"

	path string
}

// ConfigDir is the folder of the installation file: $TAVOLI_CONFIG_DIR, or "tavoli" in the user's
// configuration folder.
func ConfigDir() (string, error) {
	if d := os.Getenv("TAVOLI_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", data.Errorf(data.EInternal, "err.install.no_config_dir").Wrap(err)
	}
	if runtime.GOOS == "windows" {
		// The same folder as the database's, %AppData%\Tavoli, spelt as Explorer shows it.
		return filepath.Join(d, "Tavoli"), nil
	}
	return filepath.Join(d, "tavoli"), nil
}

// DataDir is the folder of the default database: $TAVOLI_DATA_DIR, or the user's data folder
// ($XDG_DATA_HOME or ~/.local/share on Linux and BSD, the configuration folder elsewhere).
func DataDir() (string, error) {
	if d := os.Getenv("TAVOLI_DATA_DIR"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", data.Errorf(data.EInternal, "err.install.no_data_dir").Wrap(err)
		}
		return filepath.Join(d, "Tavoli"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "tavoli"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", data.Errorf(data.EInternal, "err.install.no_data_dir").Wrap(err)
	}
	return filepath.Join(home, ".local", "share", "tavoli"), nil
}

// DefaultDatabase is the path of the user's database, created on first run.
func DefaultDatabase() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "tavoli.db"), nil
}

// Load reads the installation file in dir. When there is none yet it makes a new identity with
// newID and saves it; first is then true, and the interface asks for the operator's name.
func Load(dir string, newID func() string) (inst *Installation, first bool, err error) {
	p := filepath.Join(dir, FileName)
	b, err := os.ReadFile(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		host, _ := os.Hostname()
		inst = &Installation{DeviceID: newID(), DeviceName: host, path: p}
		if err := inst.Save(); err != nil {
			return nil, false, err
		}
		return inst, true, nil
	case err != nil:
		return nil, false, data.Errorf(data.EInternal, "err.install.read", "path", p).Wrap(err)
	}
	inst = &Installation{}
	if err := json.Unmarshal(b, inst); err != nil || strings.TrimSpace(inst.DeviceID) == "" {
		if err == nil {
			err = fmt.Errorf("no device_id")
		}
		return nil, false, data.Errorf(data.ECorrupt, "err.install.corrupt", "path", p).Wrap(err)
	}
	inst.path = p
	return inst, strings.TrimSpace(inst.Operator) == "", nil
}

// Peek reads the installation file in dir without creating it; a missing or unreadable file gives a
// blank installation. Commands that must not write anything (tavoli version) use it for the language.
func Peek(dir string) Installation {
	var inst Installation
	if b, err := os.ReadFile(filepath.Join(dir, FileName)); err == nil {
		_ = json.Unmarshal(b, &inst) // a damaged file is reported by Load, when it matters
	}
	return inst
}

// Path is where the installation file lives.
func (i *Installation) Path() string { return i.path }

// Save writes the installation file atomically: a new file renamed over the old one, so a crash
// never leaves half an identity.
func (i *Installation) Save() error {
	if err := os.MkdirAll(filepath.Dir(i.path), 0o700); err != nil {
		return data.Errorf(data.EReadOnly, "err.install.write", "path", i.path).Wrap(err)
	}
	b, err := json.MarshalIndent(i, "", "  ")
	if err != nil {
		return data.Errorf(data.EInternal, "err.install.write", "path", i.path).Wrap(err)
	}
	if err := atomicfile.WriteFilePerm(i.path, append(b, '\n'), 0o600); err != nil {
		return data.Errorf(data.EInternal, "err.install.write", "path", i.path).Wrap(err)
	}
	return nil
}
