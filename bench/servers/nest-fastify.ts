// The framework's own floor: Nest on Fastify with one controller returning the bare server's body
// and one global guard admitting everyone, nothing else (no hooks, plugins, pipes or logger).
// What the api costs above this is the api's own work.
import 'reflect-metadata';
import { type CanActivate, Controller, Get, Injectable, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('api/v1')
class ConstantController {
  @Get('me')
  me(): { id: string; name: string } {
    return { id: '00000000-0000-0000-0000-000000000000', name: 'Alice Example' };
  }
}

@Injectable()
class AdmitGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Module({
  controllers: [ConstantController],
  providers: [{ provide: APP_GUARD, useClass: AdmitGuard }],
})
class ConstantModule {}

const app = await NestFactory.create<NestFastifyApplication>(
  ConstantModule,
  new FastifyAdapter({ logger: false }),
  { logger: false },
);
await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
console.log('ready');
