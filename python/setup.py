"""Builds the nianbao package with the project's CMake: configure the source tree one level up
(tests and benchmarks off), build the extension target, and package <build>/python/nianbao."""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = HERE.parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        jobs = os.environ.get("NIANBAO_JOBS", "2")
        subprocess.run(["cmake", "-S", str(SOURCE), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                        "-DNIANBAO_TESTS=OFF", f"-DNIANBAO_PYTHON={sys.executable}"], check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "nianbao_python", "-j", jobs], check=True)
        target = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        built = next((build / "python" / "nianbao").glob("_nianbao*.so"))
        shutil.copyfile(built, target)


setup(packages=["nianbao"], ext_modules=[Extension("nianbao._nianbao", sources=[])],
      cmdclass={"build_ext": CMakeBuild}, zip_safe=False)
