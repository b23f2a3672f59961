"""ICU's Simplified-Traditional transliterator through ctypes, for writing Traditional-script
sample documents (libicu is already a build dependency; its C symbols carry the major version)."""
import ctypes
import ctypes.util
import glob


def _lib():
    for name in ["icui18n"] + [p for p in glob.glob("/usr/lib/*/libicui18n.so*")]:
        path = ctypes.util.find_library(name) if "/" not in name else name
        if path:
            try:
                return ctypes.CDLL(path)
            except OSError:
                continue
    raise RuntimeError("libicu (libicu-dev) is needed to write Traditional-script samples")


_icu = _lib()


def _symbol(name):
    for version in range(60, 90):
        try:
            return getattr(_icu, "%s_%d" % (name, version))
        except AttributeError:
            continue
    return getattr(_icu, name)


_open = _symbol("utrans_openU")
_trans = _symbol("utrans_transUChars")
_close = _symbol("utrans_close")
_open.restype = ctypes.c_void_p
_open.argtypes = [ctypes.c_char_p, ctypes.c_int32, ctypes.c_int, ctypes.c_void_p, ctypes.c_int32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
_trans.restype = None
_trans.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32), ctypes.c_int32, ctypes.c_int32,
                   ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int)]


class Transliterator:
    def __init__(self, ident="Simplified-Traditional"):
        err = ctypes.c_int(0)
        ident16 = ident.encode("utf-16-le")
        buf = ctypes.create_string_buffer(ident16)
        self.handle = _open(buf, ctypes.c_int32(len(ident)), 0, None, 0, None, ctypes.byref(err))
        if err.value > 0 or not self.handle:
            raise RuntimeError("utrans_openU(%s) failed: %d" % (ident, err.value))
        self.handle = ctypes.c_void_p(self.handle)

    def __call__(self, text):
        data = text.encode("utf-16-le")
        units = len(data) // 2
        capacity = units * 2 + 16
        buf = ctypes.create_string_buffer(data + b"\0" * (capacity * 2 - len(data)))
        length = ctypes.c_int32(units)
        limit = ctypes.c_int32(units)
        err = ctypes.c_int(0)
        _trans(self.handle, buf, ctypes.byref(length), ctypes.c_int32(capacity), ctypes.c_int32(0), ctypes.byref(limit), ctypes.byref(err))
        if err.value > 0:
            raise RuntimeError("utrans_transUChars failed: %d" % err.value)
        return buf.raw[: length.value * 2].decode("utf-16-le")
