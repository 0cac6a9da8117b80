# Classes: inheritance, super(), class attributes, properties,
# classmethod/staticmethod, instance vs class attribute lookup.

class Animal:
    kingdom = "animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return f"{type(self).__name__}({self.name}) of {self.kingdom}"

    @classmethod
    def create(cls, name):
        return cls(name)

    @staticmethod
    def helper(x):
        return x * 2

    @property
    def upper_name(self):
        return self.name.upper()


class Dog(Animal):
    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []

    def speak(self):
        base = super().speak()
        return base + "!"

    def add_trick(self, t):
        self.tricks.append(t)
        return self


class Puppy(Dog):
    kingdom = "cute"

    def speak(self):
        return super().speak().replace("woof", "yip")

    def describe(self):
        return "small " + super(Puppy, self).describe()


a = Animal("generic")
d = Dog("rex")
p = Puppy.create("bit")
print(a.speak(), d.speak(), p.speak(), sep=" | ")
print(a.describe(), d.describe(), p.describe(), sep=" | ")
print(Animal.count, Dog.count, p.count, Animal.helper(21), p.helper("ab"), d.upper_name)
d.add_trick("sit").add_trick("roll")
print(d.tricks, p.tricks, isinstance(p, Dog), isinstance(d, Puppy), issubclass(Puppy, Animal))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__)
p.kingdom = "instance level"
print(p.kingdom, Puppy.kingdom, Dog.kingdom)
del p.kingdom
print(p.kingdom)
Animal.kingdom = "changed"
print(a.kingdom, d.kingdom, p.kingdom)
print(sorted(vars(d)), d.__dict__["name"], hasattr(d, "tricks"), getattr(d, "nope", "default"))
setattr(d, "color", "brown")
print(d.color, type(d).__name__, type(d).__qualname__, Dog.__name__)
try:
    d.upper_name = "x"
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.fly()
except AttributeError as e:
    print("AttributeError:", e)


class Temperature:
    def __init__(self, celsius=0.0):
        self._c = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError(f"below absolute zero: {v}")
        self._c = v

    @celsius.deleter
    def celsius(self):
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius, round(t.fahrenheit, 6))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(t.celsius)


class Base:
    def __init__(self):
        self.log = ["Base"]


class Left(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Left")


class Right(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Right")


class Diamond(Left, Right):
    def __init__(self):
        super().__init__()
        self.log.append("Diamond")


print(Diamond().log, [k.__name__ for k in Diamond.mro()])
print(Dog.speak(d), Animal.speak(d), Dog.__dict__["add_trick"].__name__, callable(Dog.helper))
bound = d.speak
print(bound(), bound.__self__ is d, bound.__func__ is Dog.speak)
