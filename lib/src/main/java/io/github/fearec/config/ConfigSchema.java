package io.github.fearec.config;

import io.github.fearec.ConfigException;
import io.github.fearec.Excerpt;
import io.github.fearec.FearecException;
import io.github.fearec.Numbers;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one configuration record, read from its {@link Setting} declarations: parses,
 * validates and prints every value, and builds records from defaults plus changes. Records stay
 * immutable; a change gives a new record, validated by its constructor as a whole.
 *
 * <p>Build records through {@link #defaults}, {@link #with} or {@link #stage}: they check each value
 * against its declaration. The record's own constructor checks only combinations; a record made
 * some other way is checked with {@link #validate}.
 *
 * <p>A setting's type is {@code int}, {@code long}, {@code double} (always finite), {@code
 * boolean}, {@code String}, an enum implementing {@link Choice}, or a value class with a static
 * {@code parse(String)} (throwing {@link IllegalArgumentException} whose message says what is
 * expected) whose {@code toString()} gives the text back.
 *
 * @param <R> the configuration record
 */
public final class ConfigSchema<R extends Record> {

  /** One declared setting of the record. */
  public static final class Key {
    private final Setting declared;
    private final RecordComponent component;
    private final Class<?> type;

    private Key(Setting declared, RecordComponent component) {
      this.declared = declared;
      this.component = component;
      this.type = component.getType();
    }

    /** The key users write. */
    public String name() {
      return declared.key();
    }

    /** Older names still accepted. */
    public List<String> aliases() {
      return List.of(declared.aliases());
    }

    /** The one-line meaning, with the aliases named. */
    public String doc() {
      return declared.aliases().length == 0
          ? declared.doc()
          : declared.doc() + " (also accepted as " + String.join(", ", declared.aliases()) + ")";
    }

    public Scope scope() {
      return declared.scope();
    }

    /** What a valid value looks like, for messages: "an integer >= 1", "ce or bce". */
    public String expected() {
      if (type == int.class || type == long.class) {
        return "an integer" + bounds();
      }
      if (type == double.class) {
        return "a number" + bounds();
      }
      if (type == boolean.class) {
        return "true or false";
      }
      if (type == String.class && declared.oneOf().length > 0) {
        return alternatives(List.of(declared.oneOf()));
      }
      if (Choice.class.isAssignableFrom(type)) {
        return alternatives(Choice.ids(type.asSubclass(Choice.class)));
      }
      return "text";
    }

    /** Parses text as a config file gives it; checks the declared bounds. */
    public Object parse(String text) {
      String v = text.trim();
      Object value;
      try {
        value = parseUnchecked(v);
      } catch (NumberFormatException e) {
        throw invalid(v, expected());
      } catch (IllegalArgumentException e) {
        throw invalid(v, e.getMessage() == null ? expected() : e.getMessage());
      }
      return checked(value);
    }

    /** The value as a settings file holds it (the inverse of {@link #parse}). */
    public String text(Object value) {
      if (value instanceof Choice c) {
        return c.id();
      }
      return String.valueOf(value);
    }

    private Object parseUnchecked(String v) {
      if (type == int.class) {
        return Numbers.parseInt(v);
      }
      if (type == long.class) {
        return Numbers.parseLong(v);
      }
      if (type == double.class) {
        return Numbers.parseDouble(v);
      }
      if (type == boolean.class) {
        return switch (v.toLowerCase(Locale.ROOT)) {
          case "true", "on", "yes" -> true;
          case "false", "off", "no" -> false;
          default -> throw new IllegalArgumentException(expected());
        };
      }
      if (type == String.class) {
        if (declared.oneOf().length == 0) {
          return v;
        }
        for (String allowed : declared.oneOf()) {
          if (allowed.equalsIgnoreCase(v)) {
            return allowed;
          }
        }
        throw new IllegalArgumentException(expected());
      }
      if (Choice.class.isAssignableFrom(type)) {
        return Choice.parse(type.asSubclass(Choice.class), v);
      }
      return parseValue(v);
    }

    private Object parseValue(String v) {
      try {
        return parser(type).invoke(null, v);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof IllegalArgumentException iae) {
          throw iae;
        }
        throw new IllegalStateException(type + ".parse failed on '" + v + "'", e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(type + ".parse is not accessible", e);
      }
    }

    /** A value given as an object (a number, a boolean, a constant or text). */
    private Object convert(Object value) {
      if (value instanceof String s) {
        return parse(s);
      }
      Object converted = null;
      if ((type == int.class || type == long.class) && isIntegral(value)) {
        long l = ((Number) value).longValue();
        converted = type == long.class ? (Object) l : (l == (int) l ? (Object) (int) l : null);
      } else if (type == double.class && value instanceof Number n) {
        converted = n.doubleValue();
      } else if (type == boolean.class && value instanceof Boolean) {
        converted = value;
      } else if (!type.isPrimitive() && type.isInstance(value)) {
        converted = value;
      }
      if (converted == null) {
        throw invalid(value, expected());
      }
      return checked(converted);
    }

    /** {@code value} if it is within the declaration, else an error naming it. */
    private Object checked(Object value) {
      if (value instanceof Number n) {
        double d = n.doubleValue();
        boolean ok = !Double.isNaN(d) && !Double.isInfinite(d)
            && (declared.minExcluded() ? d > declared.min() : d >= declared.min())
            && (declared.maxExcluded() ? d < declared.max() : d <= declared.max());
        if (!ok) {
          throw invalid(value, expected());
        }
      }
      if (value instanceof String text && declared.oneOf().length > 0
          && !List.of(declared.oneOf()).contains(text)) {
        throw invalid(value, expected());
      }
      return value;
    }

    private ConfigException invalid(Object given, String expected) {
      return new ConfigException(name() + " = " + Excerpt.of(given) + ": expected " + expected);
    }

    /** " >= 1", " > 0", " in [0, 1)" or nothing. */
    private String bounds() {
      boolean low = declared.min() != Double.NEGATIVE_INFINITY;
      boolean high = declared.max() != Double.POSITIVE_INFINITY;
      if (low && high) {
        return " in " + (declared.minExcluded() ? "(" : "[") + number(declared.min()) + ", "
            + number(declared.max()) + (declared.maxExcluded() ? ")" : "]");
      }
      if (low) {
        return (declared.minExcluded() ? " > " : " >= ") + number(declared.min());
      }
      if (high) {
        return (declared.maxExcluded() ? " < " : " <= ") + number(declared.max());
      }
      return "";
    }

    private Object value(Record config) {
      try {
        return component.getAccessor().invoke(config);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
  }

  /** Values being changed before the record is built; each is checked as it is set. */
  public final class Staged {
    private final Map<Key, Object> values = new LinkedHashMap<>();

    private Staged(R base) {
      for (Key key : keys) {
        values.put(key, key.value(base));
      }
    }

    /**
     * Sets {@code key} (or one of its aliases) to {@code value}: text as a config file gives it, or
     * an object of the setting's type.
     *
     * @throws ConfigException for an unknown key or an invalid value, naming both
     */
    public Staged set(String key, Object value) {
      Key k = key(key);
      values.put(k, k.convert(value));
      return this;
    }

    /** Builds the record; its constructor checks the values together. */
    public R build() {
      try {
        return canonical.newInstance(values.values().toArray());
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof FearecException f) {
          throw f;
        }
        throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
      } catch (InstantiationException | IllegalAccessException e) {
        throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
      }
    }
  }

  private final Class<R> type;
  private final List<Key> keys;
  private final Map<String, Key> byName = new LinkedHashMap<>();
  private final Constructor<R> canonical;
  private final R defaults;

  private ConfigSchema(Class<R> type) {
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    List<Key> declared = new ArrayList<>();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      Setting s = c.getAnnotation(Setting.class);
      if (s == null) {
        throw new IllegalStateException(type.getName() + "." + c.getName() + " lacks @Setting");
      }
      Key key = new Key(s, c);
      declared.add(key);
      for (String name : concat(s.key(), s.aliases())) {
        if (byName.put(name, key) != null) {
          throw new IllegalStateException(type.getName() + ": key " + name + " declared twice");
        }
      }
    }
    this.keys = List.copyOf(declared);
    try {
      this.canonical = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
    }
    Object[] initial = new Object[keys.size()];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = keys.get(i).parse(keys.get(i).declared.init());
    }
    try {
      this.defaults = canonical.newInstance(initial);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the defaults of " + type.getName() + " are invalid", e);
    }
  }

  /** Reads the declarations of {@code type}; every component must carry {@link Setting}. */
  public static <R extends Record> ConfigSchema<R> of(Class<R> type) {
    return new ConfigSchema<>(type);
  }

  /** Every setting, in the record's component order. */
  public List<Key> keys() {
    return keys;
  }

  /**
   * The setting a key or alias names.
   *
   * @throws ConfigException for an unknown name
   */
  public Key key(String name) {
    Key k = byName.get(name.trim());
    if (k == null) {
      throw new ConfigException(
          "unknown key '" + Excerpt.of(name.trim()) + "' for " + type.getSimpleName() + "; expected one of "
              + keys.stream().map(Key::name).toList());
    }
    return k;
  }

  /** The record with every declared default. */
  public R defaults() {
    return defaults;
  }

  /** A staging area starting from {@code base}. */
  public Staged stage(R base) {
    return new Staged(base);
  }

  /** {@code base} with {@code changes} (keys to text or typed values), validated together. */
  public R with(R base, Map<String, ?> changes) {
    Staged staged = stage(base);
    changes.forEach(staged::set);
    return staged.build();
  }

  /**
   * Checks every value of a record that was built without this schema (by a JSON reader, say,
   * which calls the constructor directly) against its declaration.
   *
   * @return {@code config}
   * @throws ConfigException naming the first value out of bounds
   */
  public R validate(R config) {
    for (Key key : keys) {
      Object value = key.value(config);
      if (value == null) {
        throw key.invalid("nothing", key.expected());
      }
      key.checked(value);
    }
    return config;
  }

  /** The value of {@code key} in {@code config} as a settings file holds it. */
  public String text(R config, Key key) {
    return key.text(key.value(config));
  }

  private static Method parser(Class<?> type) {
    try {
      Method m = type.getMethod("parse", String.class);
      if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == type) {
        return m;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw new IllegalStateException(
        type.getName() + " needs a static parse(String) to be a setting's type");
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte;
  }

  /** "a or b", "one of a, b, c": what a message says is expected. */
  static String alternatives(List<String> ids) {
    return ids.size() == 2 ? ids.get(0) + " or " + ids.get(1) : "one of " + String.join(", ", ids);
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static List<String> concat(String first, String[] rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(rest));
    return all;
  }
}
