package bundle

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The one-member objects that carry the values JSON has no exact form for.
const (
	wrapBytes = "bytes" // []byte, base64
	wrapText  = "text"  // a string that is not valid UTF-8, base64
	wrapFloat = "float" // NaN, +Inf, -Inf
)

// encodeValue returns the JSON-ready form of a row value: something encoding/json writes exactly as the
// package doc says.
func encodeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, int64:
		return x, nil
	case float64:
		switch {
		case math.IsNaN(x):
			return map[string]string{wrapFloat: "NaN"}, nil
		case math.IsInf(x, 1):
			return map[string]string{wrapFloat: "+Inf"}, nil
		case math.IsInf(x, -1):
			return map[string]string{wrapFloat: "-Inf"}, nil
		}
		// The shortest text that parses back to the same float, with a fraction or an exponent so that
		// the reader does not take it for an integer.
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		return json.Number(s), nil
	case string:
		if !utf8.ValidString(x) {
			return map[string]string{wrapText: base64.StdEncoding.EncodeToString([]byte(x))}, nil
		}
		return x, nil
	case []byte:
		return map[string]string{wrapBytes: base64.StdEncoding.EncodeToString(x)}, nil
	}
	return nil, fmt.Errorf("values of type %T are not supported", v)
}

// decodeValue reads one row value back from its JSON text, already known to be well formed.
func decodeValue(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, errors.New("empty value")
	}
	switch raw[0] {
	case 'n':
		return nil, nil
	case 't':
		return true, nil
	case 'f':
		return false, nil
	case '"':
		if len(raw) < 2 {
			return nil, errors.New("a text without its end")
		}
		// Most texts have nothing escaped: the JSON around them is already checked, so their bytes are
		// the text. The others go through the decoder.
		if body := raw[1 : len(raw)-1]; bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
			return string(body), nil
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '{':
		return decodeWrapped(raw)
	case '[':
		return nil, errors.New("a list is not a value")
	}
	s := string(raw)
	if bytes.ContainsAny(raw, ".eE") {
		return strconv.ParseFloat(s, 64)
	}
	return strconv.ParseInt(s, 10, 64)
}

// decodeWrapped reads a one-member object: bytes, a non-UTF-8 text or a float JSON cannot write.
func decodeWrapped(raw json.RawMessage) (any, error) {
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("value %.40s: %w", raw, err)
	}
	if len(m) != 1 {
		return nil, fmt.Errorf("value %.40s: one member wanted", raw)
	}
	for k, v := range m {
		switch k {
		case wrapBytes:
			return base64.StdEncoding.Strict().DecodeString(v)
		case wrapText:
			b, err := base64.StdEncoding.Strict().DecodeString(v)
			return string(b), err
		case wrapFloat:
			switch v {
			case "NaN":
				return math.NaN(), nil
			case "+Inf":
				return math.Inf(1), nil
			case "-Inf":
				return math.Inf(-1), nil
			}
		}
	}
	return nil, fmt.Errorf("value %.40s: unknown form", raw)
}
